import { StatsArgumentError } from './errors.ts';
import { checkAlpha, checkSpread } from './internal/check-group.ts';
import { welchPowerCore } from './internal/welch-power-core.ts';
import type { GroupSpread } from './types.ts';

/** Options of welchPower. */
export interface WelchPowerOptions {
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
}

/**
 * Power of the two-sided Welch test (welchFromSummary) when the true mean difference is
 * `difference` and the groups have these sds and sizes: with se and the Welch-Satterthwaite df of
 * the given sds, t* = t_{1-alpha/2, df} and ncp = difference / se,
 * power = P(T' > t*) + P(T' < -t*) for T' noncentral t (df, ncp). Treats the sds as known, the
 * usual approximation for Welch power (the df is itself random in the real test).
 * Reference: e.g. Cohen (1988), ch. 2; the noncentral t from jstat (see internal/noncentral-t.ts).
 *
 * Same as `nct.sf(t, df, ncp) + nct.cdf(-t, df, ncp)` with `t = scipy.stats.t.ppf(1 - alpha/2, df)`
 * in scipy 1.10 (to 1e-7 in the tests). Power at difference 0 is alpha; it is symmetric in the
 * sign of difference. Cost: O(1) (a few hundred incomplete-beta terms).
 * @throws StatsArgumentError for a negative or non-finite sd, n not an integer >= 2, a non-finite
 *   difference, or alpha outside (0, 1).
 * @throws StatsDegenerateError when both sds are 0 (se = 0: any difference is detected).
 * @example welchPower({ sd: 0.006, n: 3 }, { sd: 0.007, n: 3 }, 0.014) // 0.509
 */
export function welchPower(a: GroupSpread, b: GroupSpread, difference: number, options: WelchPowerOptions = {}): number {
  const fn = 'welchPower';
  checkSpread(fn, 'a', a);
  checkSpread(fn, 'b', b);
  if (typeof difference !== 'number' || !Number.isFinite(difference))
    throw new StatsArgumentError(fn, 'difference', 'a finite number', difference);
  const alpha = checkAlpha(fn, options.alpha);
  return welchPowerCore(fn, a, b, difference, alpha);
}
