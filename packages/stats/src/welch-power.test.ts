import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { noncentralTCdf } from './internal/noncentral-t.ts';
import { welchPower } from './welch-power.ts';

// Reference values: scipy 1.10.1 (Debian /usr/bin/python3; fixtures/significance-references.py prints them), in python
//   va, vb = sa**2/na, sb**2/nb; se = sqrt(va + vb); df = (va+vb)**2 / (va**2/(na-1) + vb**2/(nb-1))
//   t = scipy.stats.t.ppf(1 - alpha/2, df); power = scipy.stats.nct.sf(t, df, d/se) + scipy.stats.nct.cdf(-t, df, d/se)
const powerCases: [number, number, number, number, number, number, number][] = [
  // sa, na, sb, nb, difference, alpha, power
  [0.006, 3, 0.007, 3, 0.014, 0.05, 0.5094188154339372], // thesis-sized: 3 seeds, sd ~0.006
  [0.006, 3, 0.007, 3, 0.003, 0.05, 0.07246570172663676], // Table 2's 90 % vs 100 % gap
  [0.006, 3, 0.007, 3, -0.014, 0.05, 0.5094188154339372],
  [1, 2, 1, 2, 3, 0.05, 0.3874001285054798],
  [1, 5, 2, 8, 1.5, 0.05, 0.3719911363443921],
  [1, 5, 2, 8, 1.5, 0.01, 0.14752064468516696],
  [0.01, 10, 0.02, 10, 0.02, 0.05, 0.7450354920920412],
  [1, 30, 1, 30, 0.5, 0.05, 0.4778965212018127],
  [1, 100, 3, 50, 1, 0.1, 0.7326406662288996],
  [1, 10000, 1, 10000, 0.03, 0.05, 0.5640759191223338],
  [0, 3, 1, 5, 1.2, 0.05, 0.5302212511402777], // one zero sd: df = 4
  [1, 3, 1, 3, 0, 0.05, 0.04999999999999977], // power at 0 is alpha
  [1, 3, 1, 3, 20, 0.05, 1.0],
];

describe('welchPower', () => {
  for (const [sa, na, sb, nb, d, alpha, power] of powerCases) {
    test(`sd ${sa}/${sb}, n ${na}/${nb}, difference ${d}, alpha ${alpha}: equals scipy nct`, () => {
      expectClose(welchPower({ sd: sa, n: na }, { sd: sb, n: nb }, d, { alpha }), power, 1e-7, 'power');
    });
  }
  test('defaults to alpha 0.05; grows with the difference', () => {
    const a = { sd: 1, n: 5 };
    const b = { sd: 2, n: 8 };
    assert.equal(welchPower(a, b, 1.5), welchPower(a, b, 1.5, { alpha: 0.05 }));
    let last = 0;
    for (const d of [0, 0.5, 1, 2, 4, 8]) {
      const p = welchPower(a, b, d);
      assert.ok(p > last, `power(${d}) = ${p} should exceed ${last}`);
      last = p;
    }
  });
});

describe('noncentral t cdf (jstat) against scipy', () => {
  // scipy 1.10.1 scipy.stats.nct.cdf(x, df, ncp)
  const cdfCases: [number, number, number, number][] = [
    // df, ncp, x, cdf
    [2, 1, 2.1, 0.7239362333424028],
    [3.9, 2, 2.8, 0.6670872484035293],
    [4, 0, 1.5, 0.896],
    [10, 3, -1, 5.063904316915391e-5],
    [30, 5, 4, 0.17900962945532153],
    [60, 8, 6, 0.03809576906428022],
    [20, 4, 9, 0.9983752821229993],
    [5, 6, 2.5, 0.0026848728317497633],
  ];
  for (const [df, ncp, x, cdf] of cdfCases) {
    test(`df ${df}, ncp ${ncp}, x ${x}`, () => expectClose(noncentralTCdf(x, df, ncp), cdf, 1e-8, 'cdf'));
  }
});

describe('welchPower errors', () => {
  const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
  const ok = { sd: 1, n: 3 };
  test('bad spreads', () => {
    assert.throws(
      () => welchPower({ sd: 1, n: 1 }, ok, 1),
      arg(/^welchPower\(a.n\): expected an integer >= 2 \(a variance needs two values\), received 1$/),
    );
    assert.throws(() => welchPower(ok, { sd: -1, n: 3 }, 1), arg(/^welchPower\(b.sd\): expected a finite number >= 0, received -1$/));
    assert.throws(
      () => welchPower(ok, { sd: Number.NaN, n: 3 }, 1),
      arg(/^welchPower\(b.sd\): expected a finite number >= 0, received NaN$/),
    );
    assert.throws(() => welchPower(null as never, ok, 1), arg(/^welchPower\(a\): expected an object \{ sd, n \}, received null$/));
  });
  test('bad difference and alpha', () => {
    assert.throws(() => welchPower(ok, ok, Infinity), arg(/^welchPower\(difference\): expected a finite number, received Infinity$/));
    assert.throws(
      () => welchPower(ok, ok, 1, { alpha: 1 }),
      arg(/^welchPower\(options.alpha\): expected a number in \(0, 1\), received 1$/),
    );
  });
  test('both sds zero', () => {
    assert.throws(
      () => welchPower({ sd: 0, n: 3 }, { sd: 0, n: 3 }, 1),
      (e: Error) =>
        e.name === 'StatsDegenerateError' &&
        /^welchPower: both groups have zero variance \(sd a = 0, sd b = 0\); the power is undefined$/.test(e.message),
    );
  });
});
