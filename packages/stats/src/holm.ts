import { checkPValues } from './internal/check-p-values.ts';

/**
 * Holm's step-down adjusted p-values (family-wise error control, uniformly more powerful than
 * Bonferroni), returned in the input order: with p sorted ascending,
 * adj_(i) = max_{j <= i} min(1, (m - j + 1) p_(j)). Reject where adj < alpha.
 * Reference: Holm (1979), Scand. J. Statist. 6:65-70.
 *
 * Same as statsmodels' `multipletests(p, method='holm')[1]` (checked on committed fixtures).
 * Cost: O(m log m).
 * @throws StatsArgumentError unless pValues is an array of numbers in [0, 1].
 * @example holm([0.01, 0.04, 0.03, 0.005]) // [0.03, 0.06, 0.06, 0.02]
 */
export function holm(pValues: readonly number[]): number[] {
  const p = checkPValues('holm', pValues);
  const m = p.length;
  const order = p.map((_, i) => i).sort((x, y) => p[x]! - p[y]!);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[idx]!));
    out[idx] = running;
  });
  return out;
}
