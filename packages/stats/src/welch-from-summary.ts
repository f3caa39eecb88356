import { welchCore } from './internal/welch-core.ts';
import type { GroupSummary, WelchOptions, WelchResult } from './types.ts';

/**
 * Welch's unequal-variance t-test from group summaries (thesis eqs. 20-21, general n): t,
 * Welch-Satterthwaite df, critical value t_{1-alpha/2, df}, two-sided p, the decision |t| > t*,
 * the 95 % CI of the difference
 * and its (1 - alpha) CI `ci`. This is how the thesis compared configurations (mean +/- sd
 * over n = 3 seeds). Student-t distribution from jstat.
 *
 * Same as scipy's `ttest_ind_from_stats(ma, sa, na, mb, sb, nb, equal_var=False)` for t and p,
 * and `scipy.stats.t.ppf(1 - alpha/2, df)` for tCritical (to 1e-6 on all 18 thesis comparisons).
 * One zero-variance group is fine (df becomes n - 1 of the other).
 * Cost: O(1).
 * @throws StatsArgumentError for a non-finite mean, a negative or non-finite sd, n not an integer
 *   >= 2, or alpha outside (0, 1).
 * @throws StatsDegenerateError when both sds are 0 (t would be +-Infinity or 0/0).
 * @example welchFromSummary({ mean: 0.753, sd: 0.006, n: 3 }, { mean: 0.739, sd: 0.006, n: 3 })
 *   // { t: 2.858, df: 4, tCritical: 2.776, p: 0.046, significant: true, meanDiff: 0.014, ... } (thesis Table 4)
 */
export function welchFromSummary(a: GroupSummary, b: GroupSummary, options: WelchOptions = {}): WelchResult {
  return welchCore('welchFromSummary', a, b, options);
}
