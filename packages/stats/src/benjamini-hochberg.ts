import { checkPValues } from './internal/check-p-values.ts';

/**
 * Benjamini-Hochberg adjusted p-values (false-discovery-rate control under independence or
 * positive dependence), returned in the input order: with p sorted ascending,
 * adj_(i) = min_{j >= i} min(1, m p_(j) / j). Reject where adj < q.
 * Reference: Benjamini & Hochberg (1995), JRSS B 57:289-300.
 *
 * Same as statsmodels' `multipletests(p, method='fdr_bh')[1]` (checked on committed fixtures).
 * Cost: O(m log m).
 * @throws StatsArgumentError unless pValues is an array of numbers in [0, 1].
 * @example benjaminiHochberg([0.01, 0.04, 0.03, 0.005]) // [0.02, 0.04, 0.04, 0.02]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const p = checkPValues('benjaminiHochberg', pValues);
  const m = p.length;
  const order = p.map((_, i) => i).sort((x, y) => p[x]! - p[y]!);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank]!;
    running = Math.min(running, (m * p[idx]!) / (rank + 1));
    out[idx] = running;
  }
  return out;
}
