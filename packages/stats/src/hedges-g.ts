import jStat from 'jstat';
import { StatsDegenerateError } from './errors.ts';
import { checkGroup } from './internal/check-group.ts';
import type { GroupSummary } from './types.ts';

/**
 * Hedges' g: the standardized mean difference (mean_a - mean_b) / s_pooled, with
 * s_pooled^2 = ((n_a - 1) s_a^2 + (n_b - 1) s_b^2) / (n_a + n_b - 2), times the small-sample
 * bias correction J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df - 1)/2)), df = n_a + n_b - 2.
 * J is the exact correction (Hedges 1981, J. Educ. Stat. 6:107-128), computed with log-gamma;
 * the common approximation 1 - 3 / (4 df - 1) is 0.0021 above it at df = 4 (n = 3 + 3) and
 * closer for larger df. For three seeds per arm J = 0.798, so g is 20 % smaller than Cohen's d.
 *
 * Same as `(ma - mb) / sp * gamma(df/2) / (sqrt(df/2) * gamma((df-1)/2))` with
 * `scipy.special.gamma` (to 1e-10 in the tests). Cost: O(1).
 * @throws StatsArgumentError for a non-finite mean, a negative or non-finite sd, or n not an
 *   integer >= 2.
 * @throws StatsDegenerateError when both sds are 0 (the pooled sd is 0).
 * @example hedgesG({ mean: 0.753, sd: 0.006, n: 3 }, { mean: 0.739, sd: 0.006, n: 3 }) // 1.862
 */
export function hedgesG(a: GroupSummary, b: GroupSummary): number {
  const fn = 'hedgesG';
  checkGroup(fn, 'a', a);
  checkGroup(fn, 'b', b);
  const df = a.n + b.n - 2;
  const pooled = Math.sqrt(((a.n - 1) * a.sd * a.sd + (b.n - 1) * b.sd * b.sd) / df);
  if (pooled === 0) {
    throw new StatsDegenerateError(fn, `both groups have zero variance (means ${a.mean} and ${b.mean}); the pooled sd is 0`);
  }
  return ((a.mean - b.mean) / pooled) * hedgesCorrection(df);
}

/** J(df) through log-gamma, so large df neither overflows Gamma nor loses the ratio. */
function hedgesCorrection(df: number): number {
  return Math.exp(jStat.gammaln(df / 2) - jStat.gammaln((df - 1) / 2)) / Math.sqrt(df / 2);
}
