import { checkAlpha, checkSpread } from './internal/check-group.ts';
import { checkTargetPower, welchPowerCore } from './internal/welch-power-core.ts';
import { welchSpread } from './internal/welch-spread.ts';
import type { GroupSpread } from './types.ts';

/** Options of minimumDetectableDifference. */
export interface DetectableDifferenceOptions {
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Power to reach, in (alpha, 1) (default 0.8). */
  power?: number;
}

/**
 * The smallest |true mean difference| that the two-sided Welch test detects with the given power,
 * for groups of these sds and sizes: the root of welchPower(a, b, d) = power in d > 0, found by
 * bracketing (doubling from d = se) and bisection to a relative width of 1e-12. welchPower grows
 * monotonically in d >= 0, so the root is unique. With three seeds per arm and sd 0.006 / 0.007
 * only differences of about 0.020 are found 80 % of the time.
 *
 * Same as `scipy.optimize.brentq(lambda d: power(d) - 0.8, 0, hi)` on scipy 1.10's nct power (to
 * 1e-6 relative in the tests). Cost: ~60 welchPower evaluations.
 * @throws StatsArgumentError for a negative or non-finite sd, n not an integer >= 2, alpha outside
 *   (0, 1), or power outside (alpha, 1).
 * @throws StatsDegenerateError when both sds are 0.
 * @example minimumDetectableDifference({ sd: 0.006, n: 3 }, { sd: 0.007, n: 3 }) // 0.0202
 */
export function minimumDetectableDifference(a: GroupSpread, b: GroupSpread, options: DetectableDifferenceOptions = {}): number {
  const fn = 'minimumDetectableDifference';
  checkSpread(fn, 'a', a);
  checkSpread(fn, 'b', b);
  const alpha = checkAlpha(fn, options.alpha);
  const target = checkTargetPower(fn, options.power, alpha);
  const powerAt = (d: number) => welchPowerCore(fn, a, b, d, alpha);
  let lo = 0;
  let hi = welchSpread(a, b).se;
  // powerAt(se) throws the degenerate error first when se = 0. Ends: the power tends to 1 > target
  // as d grows (jstat returns exactly 1 once ncp is large), and a NaN would stop it too.
  while (powerAt(hi) < target) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-12 * hi) {
    const mid = (lo + hi) / 2;
    if (powerAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}
