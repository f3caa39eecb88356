import { countAtLeast } from './count-at-least.ts';

/**
 * Scans `grid` in order and keeps the threshold with the highest F1 among those whose precision
 * is >= minPrecision (a strictly higher F1 replaces the candidate, so the first wins ties).
 * Thresholds predicting nothing positive have undefined precision and never qualify.
 * Returns threshold NaN when none qualifies. O(G log N).
 */
export function bestF1OnGrid(
  pos: Float64Array,
  neg: Float64Array,
  minPrecision: number,
  grid: ArrayLike<number>,
): { threshold: number; f1: number } {
  const P = pos.length;
  let threshold = Number.NaN;
  let f1 = Number.NEGATIVE_INFINITY;
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g]!;
    const tp = countAtLeast(pos, t);
    const fp = countAtLeast(neg, t);
    if (tp + fp === 0) continue;
    const precision = tp / (tp + fp);
    const f = (2 * tp) / (tp + fp + P); // 2tp / (2tp + fp + fn)
    if (precision >= minPrecision && f > f1) {
      f1 = f;
      threshold = t;
    }
  }
  return { threshold, f1 };
}
