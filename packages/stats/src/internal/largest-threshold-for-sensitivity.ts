import { walkThresholds } from './walk-thresholds.ts';

/**
 * The largest candidate threshold (observed scores and +Infinity) with tp/P >= target, from
 * class-wise sorted non-empty scores. O(P + N).
 */
export function largestThresholdForSensitivity(pos: Float64Array, neg: Float64Array, target: number): number {
  if (0 >= target) return Number.POSITIVE_INFINITY; // +Infinity predicts nothing: sensitivity 0
  let found = Number.NaN; // unreachable for target <= 1: the lowest score gives sensitivity 1
  walkThresholds(pos, neg, (t, tp) => {
    if (tp / pos.length >= target) {
      found = t;
      return false;
    }
    return true;
  });
  return found;
}
