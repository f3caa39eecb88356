import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { hedgesG } from './hedges-g.ts';

// Reference values: scipy 1.10.1 (Debian /usr/bin/python3; fixtures/significance-references.py prints them), in python
//   df = na + nb - 2; sp = sqrt(((na-1)*sa**2 + (nb-1)*sb**2) / df)
//   J = scipy.special.gamma(df/2) / (sqrt(df/2) * scipy.special.gamma((df-1)/2))
//   (for df >= 340, where gamma overflows: exp(scipy.special.gammaln(df/2) - gammaln((df-1)/2)) / sqrt(df/2))
//   g = (ma - mb) / sp * J
const cases = [
  // thesis Table 4 (significant) and Table 2 AUC-ROC 90 % vs 100 % (not), 3 seeds each
  { a: { mean: 0.753, sd: 0.006, n: 3 }, b: { mean: 0.739, sd: 0.006, n: 3 }, g: 1.861730641873354 },
  { a: { mean: 0.739, sd: 0.006, n: 3 }, b: { mean: 0.736, sd: 0.007, n: 3 }, g: 0.3671697139665955 },
  { a: { mean: 0.1, sd: 0.02, n: 2 }, b: { mean: 0.2, sd: 0.05, n: 2 }, g: -1.481634433445366 },
  { a: { mean: 1.5, sd: 2.0, n: 5 }, b: { mean: 0.5, sd: 1.0, n: 8 }, g: 0.6431267955946387 },
  { a: { mean: 0.0, sd: 0.0, n: 3 }, b: { mean: 1.0, sd: 0.5, n: 4 }, g: -2.1708037636748028 },
  { a: { mean: 2, sd: 1, n: 1000 }, b: { mean: 2.1, sd: 1.2, n: 1500 }, g: -0.08891806100307433 },
];

describe('hedgesG', () => {
  for (const c of cases) {
    test(`n ${c.a.n} + ${c.b.n}: equals the scipy.special.gamma formula`, () => {
      expectClose(hedgesG(c.a, c.b), c.g, 1e-10, 'g');
    });
  }
  test('antisymmetric, and the exact J differs from 1 - 3/(4 df - 1)', () => {
    const [c] = cases;
    assert.equal(hedgesG(c!.b, c!.a), -hedgesG(c!.a, c!.b));
    // Cohen's d of the Table 4 case is 0.014 / 0.006; J(4) = 0.7978845608028653 (scipy), the approximation 0.8.
    const d = 0.014 / 0.006;
    expectClose(hedgesG(c!.a, c!.b) / d, 0.7978845608028653, 1e-10, 'J(4)');
    assert.ok(Math.abs(hedgesG(c!.a, c!.b) - d * 0.8) > 1e-3);
  });
  test('equal means give 0', () => {
    assert.equal(hedgesG({ mean: 1, sd: 1, n: 3 }, { mean: 1, sd: 2, n: 3 }), 0);
  });
});

describe('hedgesG errors', () => {
  const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
  const ok = { mean: 1, sd: 1, n: 3 };
  test('n < 2', () => {
    assert.throws(
      () => hedgesG({ mean: 1, sd: 1, n: 1 }, ok),
      arg(/^hedgesG\(a.n\): expected an integer >= 2 \(a variance needs two values\), received 1$/),
    );
    assert.throws(() => hedgesG(ok, { mean: 1, sd: 1, n: 2.5 }), arg(/^hedgesG\(b.n\): expected an integer >= 2/));
  });
  test('non-finite mean or sd, negative sd, not an object', () => {
    assert.throws(() => hedgesG({ mean: Number.NaN, sd: 1, n: 3 }, ok), arg(/^hedgesG\(a.mean\): expected a finite number, received NaN$/));
    assert.throws(
      () => hedgesG(ok, { mean: 1, sd: Infinity, n: 3 }),
      arg(/^hedgesG\(b.sd\): expected a finite number >= 0, received Infinity$/),
    );
    assert.throws(() => hedgesG(ok, { mean: 1, sd: -0.1, n: 3 }), arg(/^hedgesG\(b.sd\): expected a finite number >= 0, received -0.1$/));
    assert.throws(() => hedgesG(undefined as never, ok), arg(/^hedgesG\(a\): expected an object \{ mean, sd, n \}, received undefined$/));
  });
  test('zero pooled sd', () => {
    assert.throws(
      () => hedgesG({ mean: 1, sd: 0, n: 3 }, { mean: 2, sd: 0, n: 4 }),
      (e: Error) =>
        e.name === 'StatsDegenerateError' &&
        /^hedgesG: both groups have zero variance \(means 1 and 2\); the pooled sd is 0$/.test(e.message),
    );
  });
});
