import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { minimumDetectableDifference } from './minimum-detectable-difference.ts';
import { welchPower } from './welch-power.ts';

// Reference values: scipy 1.10.1 (Debian /usr/bin/python3; fixtures/significance-references.py prints them), in python
//   power(d) = nct.sf(t, df, d/se) + nct.cdf(-t, df, d/se), t = scipy.stats.t.ppf(1 - alpha/2, df), Welch df and se
//   scipy.optimize.brentq(lambda d: power(d) - target, 0, hi, xtol=1e-15, rtol=1e-14), hi doubled from max(sa, sb)
const cases: [number, number, number, number, number, number, number][] = [
  // sa, na, sb, nb, alpha, power, difference
  [0.006, 3, 0.007, 3, 0.05, 0.8, 0.02018569673183457], // thesis-sized: 3 seeds
  [0.006, 3, 0.006, 3, 0.05, 0.8, 0.018425353598182155],
  [1, 2, 1, 2, 0.05, 0.8, 5.653489266395664],
  [1, 5, 2, 8, 0.05, 0.9, 2.991854209432837],
  [1, 5, 2, 8, 0.01, 0.8, 3.396364238516798],
  [0.01, 10, 0.02, 10, 0.05, 0.5, 0.014948032920748679],
  [1, 30, 1, 30, 0.05, 0.8, 0.7356210693021911],
  [1, 1000, 2, 500, 0.1, 0.95, 0.31242619925568577],
  [0, 3, 1, 5, 0.05, 0.8, 1.681996965955559],
];

describe('minimumDetectableDifference', () => {
  for (const [sa, na, sb, nb, alpha, power, d] of cases) {
    test(`sd ${sa}/${sb}, n ${na}/${nb}, alpha ${alpha}, power ${power}: equals brentq on scipy nct`, () => {
      const a = { sd: sa, n: na };
      const b = { sd: sb, n: nb };
      const found = minimumDetectableDifference(a, b, { alpha, power });
      expectClose(found / d, 1, 1e-6, 'difference / scipy');
      // It is the root: power reached there and not just below.
      assert.ok(welchPower(a, b, found, { alpha }) >= power);
      assert.ok(welchPower(a, b, found * (1 - 1e-9), { alpha }) < power);
    });
  }
  test('defaults: alpha 0.05, power 0.8', () => {
    const a = { sd: 0.006, n: 3 };
    const b = { sd: 0.007, n: 3 };
    assert.equal(minimumDetectableDifference(a, b), minimumDetectableDifference(a, b, { alpha: 0.05, power: 0.8 }));
  });
});

describe('minimumDetectableDifference errors', () => {
  const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
  const ok = { sd: 1, n: 3 };
  test('bad spreads', () => {
    assert.throws(
      () => minimumDetectableDifference({ sd: 1, n: 0 }, ok),
      arg(/^minimumDetectableDifference\(a.n\): expected an integer >= 2/),
    );
    assert.throws(
      () => minimumDetectableDifference(ok, { sd: -2, n: 3 }),
      arg(/^minimumDetectableDifference\(b.sd\): expected a finite number >= 0, received -2$/),
    );
  });
  test('alpha and power outside their ranges', () => {
    assert.throws(
      () => minimumDetectableDifference(ok, ok, { alpha: -0.1 }),
      arg(/^minimumDetectableDifference\(options.alpha\): expected a number in \(0, 1\), received -0.1$/),
    );
    assert.throws(
      () => minimumDetectableDifference(ok, ok, { power: 1 }),
      arg(
        /^minimumDetectableDifference\(options.power\): expected a number in \(alpha, 1\) = \(0.05, 1\), since the power at difference 0 is alpha, received 1$/,
      ),
    );
    assert.throws(
      () => minimumDetectableDifference(ok, ok, { alpha: 0.1, power: 0.05 }),
      arg(/^minimumDetectableDifference\(options.power\): expected a number in \(alpha, 1\) = \(0.1, 1\)/),
    );
  });
  test('both sds zero', () => {
    assert.throws(
      () => minimumDetectableDifference({ sd: 0, n: 3 }, { sd: 0, n: 4 }),
      (e: Error) => e.name === 'StatsDegenerateError' && /^minimumDetectableDifference: both groups have zero variance/.test(e.message),
    );
  });
});
