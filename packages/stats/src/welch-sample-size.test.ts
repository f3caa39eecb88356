import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { welchPower } from './welch-power.ts';
import { welchSampleSize } from './welch-sample-size.ts';

// Reference values: scipy 1.10.1 (Debian /usr/bin/python3; fixtures/significance-references.py prints them), in python: the first n in
//   range(2, maxN + 1) with power(n) >= target, where power(n) = nct.sf(t, df, |d|/se) + nct.cdf(-t, df, |d|/se),
//   t = scipy.stats.t.ppf(1 - alpha/2, df), se and Welch df from (sdA, n) and (sdB, n); None when no n qualifies.
// The powers at n and n - 1 are recorded too, to show how close each boundary is.
const cases: { sdA: number; sdB: number; d: number; alpha: number; power: number; maxN: number; n: number | null; note: string }[] = [
  {
    sdA: 0.006,
    sdB: 0.007,
    d: 0.003,
    alpha: 0.05,
    power: 0.8,
    maxN: 10000,
    n: 76,
    note: 'power 0.80459 at 76, 0.79935 at 75; Table 2 90 % vs 100 %',
  },
  { sdA: 0.006, sdB: 0.007, d: 0.014, alpha: 0.05, power: 0.8, maxN: 10000, n: 5, note: '0.84111 at 5, 0.71302 at 4' },
  { sdA: 0.006, sdB: 0.007, d: -0.014, alpha: 0.05, power: 0.8, maxN: 10000, n: 5, note: 'sign does not matter' },
  { sdA: 1, sdB: 1, d: 10, alpha: 0.05, power: 0.8, maxN: 10000, n: 2, note: '0.99275 at 2' },
  { sdA: 1, sdB: 1, d: 1, alpha: 0.05, power: 0.8, maxN: 10000, n: 17, note: '0.80704 at 17, 0.78140 at 16' },
  { sdA: 1, sdB: 2, d: 0.5, alpha: 0.01, power: 0.9, maxN: 10000, n: 300, note: '0.90017 at 300, 0.89903 at 299' },
  { sdA: 1, sdB: 1, d: 0.2, alpha: 0.05, power: 0.8, maxN: 10000, n: 394, note: '0.80059 at 394, 0.79959 at 393' },
  { sdA: 1, sdB: 1, d: 0.05, alpha: 0.05, power: 0.8, maxN: 10000, n: 6281, note: '0.8000594 at 6281, 0.7999969 at 6280' },
  { sdA: 1, sdB: 1, d: 0.05, alpha: 0.05, power: 0.8, maxN: 5000, n: null, note: 'needs 6281 > maxN' },
  { sdA: 0, sdB: 1, d: 0.3, alpha: 0.1, power: 0.95, maxN: 10000, n: 122, note: '0.95054 at 122, 0.94913 at 121' },
];

describe('welchSampleSize', () => {
  for (const c of cases) {
    test(`sd ${c.sdA}/${c.sdB}, difference ${c.d}, alpha ${c.alpha}, power ${c.power}, maxN ${c.maxN}: ${c.n} (${c.note})`, () => {
      assert.equal(welchSampleSize(c.sdA, c.sdB, c.d, { alpha: c.alpha, power: c.power, maxN: c.maxN }), c.n);
    });
  }
  test('defaults (alpha 0.05, power 0.8, maxN 10000) and the boundary it returns', () => {
    assert.equal(welchSampleSize(1, 1, 1), 17);
    assert.ok(welchPower({ sd: 1, n: 17 }, { sd: 1, n: 17 }, 1) >= 0.8);
    assert.ok(welchPower({ sd: 1, n: 16 }, { sd: 1, n: 16 }, 1) < 0.8);
    assert.equal(welchSampleSize(1, 1, 0.05), 6281);
  });
  test('null for a zero difference; maxN exactly the answer; maxN 2', () => {
    assert.equal(welchSampleSize(1, 1, 0), null);
    assert.equal(welchSampleSize(1, 1, 1, { maxN: 17 }), 17);
    assert.equal(welchSampleSize(1, 1, 1, { maxN: 16 }), null);
    assert.equal(welchSampleSize(1, 1, 10, { maxN: 2 }), 2);
    assert.equal(welchSampleSize(1, 1, 1, { maxN: 2 }), null);
  });
});

describe('welchSampleSize errors', () => {
  const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
  test('bad sds and difference', () => {
    assert.throws(() => welchSampleSize(-1, 1, 1), arg(/^welchSampleSize\(sdA\): expected a finite number >= 0, received -1$/));
    assert.throws(() => welchSampleSize(1, Number.NaN, 1), arg(/^welchSampleSize\(sdB\): expected a finite number >= 0, received NaN$/));
    assert.throws(() => welchSampleSize(1, 1, Number.NaN), arg(/^welchSampleSize\(difference\): expected a finite number, received NaN$/));
  });
  test('bad alpha, power and maxN', () => {
    assert.throws(
      () => welchSampleSize(1, 1, 1, { alpha: 2 }),
      arg(/^welchSampleSize\(options.alpha\): expected a number in \(0, 1\), received 2$/),
    );
    assert.throws(
      () => welchSampleSize(1, 1, 1, { power: 0.01 }),
      arg(/^welchSampleSize\(options.power\): expected a number in \(alpha, 1\) = \(0.05, 1\)/),
    );
    assert.throws(
      () => welchSampleSize(1, 1, 1, { maxN: 1 }),
      arg(/^welchSampleSize\(options.maxN\): expected an integer >= 2, received 1$/),
    );
    assert.throws(
      () => welchSampleSize(1, 1, 1, { maxN: 10.5 }),
      arg(/^welchSampleSize\(options.maxN\): expected an integer >= 2, received 10.5$/),
    );
  });
  test('both sds zero', () => {
    assert.throws(
      () => welchSampleSize(0, 0, 1),
      (e: Error) => e.name === 'StatsDegenerateError' && /^welchSampleSize: both sds are 0; the power is undefined$/.test(e.message),
    );
  });
});
