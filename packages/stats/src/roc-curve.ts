import { checkBinaryInput } from './internal/check-binary-input.ts';
import { scoresByClass } from './internal/scores-by-class.ts';
import { undefinedReason } from './internal/undefined-reason.ts';
import { walkThresholds } from './internal/walk-thresholds.ts';
import type { CurvePointLike, StatsProblem } from './types.ts';

/**
 * The full ROC curve of one label: x = false-positive rate, y = true-positive rate, one point per
 * distinct score from the highest down (everything scoring >= threshold called positive), after a
 * first point (0, 0) at threshold +Infinity; the last point is (1, 1) at the lowest score.
 *
 * Same points as scikit-learn's `roc_curve(yTrue, yScore, drop_intermediate=False)` (scikit-learn
 * 1.2 writes the first threshold as max + 1, this writes +Infinity). Its trapezoid area is rocAuc.
 * A label with a single class has an undefined rate: every TPR is NaN without positives, every
 * FPR NaN without negatives (as scikit-learn), and the reason goes to `problems`.
 *
 * Cost: O(N log N).
 * @throws StatsArgumentError if lengths differ or are 0, yTrue holds anything but 0/1, or a score
 *   is not finite.
 * @example rocCurve([0, 1, 1], [0.2, 0.9, 0.2]) // [{ x: 0, y: 0, threshold: Infinity }, { x: 0, y: 0.5, threshold: 0.9 }, { x: 1, y: 1, threshold: 0.2 }]
 */
export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, problems?: StatsProblem[]): CurvePointLike[] {
  const positives = checkBinaryInput('rocCurve', yTrue, yScore);
  const negatives = yTrue.length - positives;
  const reason = undefinedReason(positives, negatives);
  if (reason) problems?.push({ fn: 'rocCurve', reason });
  const { pos, neg } = scoresByClass(yTrue, yScore, positives);
  const points: CurvePointLike[] = [{ x: 0 / negatives, y: 0 / positives, threshold: Number.POSITIVE_INFINITY }];
  walkThresholds(pos, neg, (threshold, tp, fp) => points.push({ x: fp / negatives, y: tp / positives, threshold }) > 0);
  return points;
}
