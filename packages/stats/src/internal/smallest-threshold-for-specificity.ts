import { walkThresholds } from './walk-thresholds.ts';

/**
 * The smallest candidate threshold (observed scores and +Infinity) with tn/N >= target, from
 * class-wise sorted non-empty scores. Specificity only falls as the threshold drops, so the walk
 * stops at the first miss. O(P + N).
 */
export function smallestThresholdForSpecificity(pos: Float64Array, neg: Float64Array, target: number): number {
  const N = neg.length;
  let found = Number.POSITIVE_INFINITY; // +Infinity: specificity 1 >= any target in [0, 1]
  walkThresholds(pos, neg, (t, _tp, fp) => {
    if ((N - fp) / N < target) return false;
    found = t;
    return true;
  });
  return found;
}
