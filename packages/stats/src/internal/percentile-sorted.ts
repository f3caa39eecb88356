/**
 * The q-quantile of an ascending, non-empty array by linear interpolation between order
 * statistics (numpy's default `percentile` method): the percentile rule of every bootstrap
 * interval in @cxr/stats. O(1).
 */
export function percentileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The (1 - level)/2 and (1 + level)/2 percentiles of the ascending, non-empty `sorted`. */
export function percentileInterval(sorted: readonly number[], level: number): { lo: number; hi: number } {
  return { lo: percentileSorted(sorted, (1 - level) / 2), hi: percentileSorted(sorted, (1 + level) / 2) };
}
