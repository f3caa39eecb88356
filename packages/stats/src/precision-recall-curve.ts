import { checkBinaryInput } from './internal/check-binary-input.ts';
import { scoresByClass } from './internal/scores-by-class.ts';
import { walkThresholds } from './internal/walk-thresholds.ts';
import type { CurvePointLike, StatsProblem } from './types.ts';

/**
 * The full precision-recall curve of one label: x = recall, y = precision, one point per distinct
 * score from the highest down (everything scoring >= threshold called positive), after a first
 * point (recall 0, precision 1) at threshold +Infinity.
 *
 * Same points as scikit-learn's `precision_recall_curve(yTrue, yScore)` (1.2), read from its end:
 * scikit-learn lists thresholds ascending and closes with (recall 0, precision 1). The step sum
 * of (R_n - R_{n-1}) P_n over the points is averagePrecision. Without positives recall is
 * undefined: every x is NaN (scikit-learn writes 1 with a warning) and the reason goes to
 * `problems`; without negatives every precision is 1, a defined curve.
 *
 * Cost: O(N log N).
 * @throws StatsArgumentError if lengths differ or are 0, yTrue holds anything but 0/1, or a score
 *   is not finite.
 * @example precisionRecallCurve([0, 1, 1], [0.2, 0.9, 0.2]) // [{ x: 0, y: 1, threshold: Infinity }, { x: 0.5, y: 1, threshold: 0.9 }, { x: 1, y: 0.6666666666666666, threshold: 0.2 }]
 */
export function precisionRecallCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, problems?: StatsProblem[]): CurvePointLike[] {
  const positives = checkBinaryInput('precisionRecallCurve', yTrue, yScore);
  if (positives === 0) problems?.push({ fn: 'precisionRecallCurve', reason: `yTrue has no positives (${yTrue.length} negatives)` });
  const { pos, neg } = scoresByClass(yTrue, yScore, positives);
  const points: CurvePointLike[] = [{ x: 0 / positives, y: 1, threshold: Number.POSITIVE_INFINITY }];
  walkThresholds(pos, neg, (threshold, tp, fp) => points.push({ x: tp / positives, y: tp / (tp + fp), threshold }) > 0);
  return points;
}
