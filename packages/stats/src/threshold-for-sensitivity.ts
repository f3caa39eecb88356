import { checkUnitInterval } from './internal/check-target.ts';
import { prepareTwoClass } from './internal/prepare-two-class.ts';
import { largestThresholdForSensitivity } from './internal/largest-threshold-for-sensitivity.ts';
import type { StatsProblem } from './types.ts';

/**
 * The largest threshold whose sensitivity tp/P is >= target (positive when score >= threshold):
 * the high-sensitivity operating point of thesis Table 10 ("Spec@Sens=95%"). Candidates are the
 * observed scores plus +Infinity (nothing positive), as in scikit-learn's `roc_curve`; the result
 * is the first `roc_curve(drop_intermediate=False)` threshold with tpr >= target.
 *
 * A label with no positives or no negatives gives NaN and a reason in `problems`.
 * Cost: O(N log N).
 * @throws StatsArgumentError for bad yTrue/yScore (see rocAuc) or a target outside [0, 1].
 * @example thresholdForSensitivity([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.95) // 0.35
 */
export function thresholdForSensitivity(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  target: number,
  problems?: StatsProblem[],
): number {
  checkUnitInterval('thresholdForSensitivity', 'target', target);
  const classes = prepareTwoClass('thresholdForSensitivity', yTrue, yScore, problems);
  if (!classes) return Number.NaN;
  return largestThresholdForSensitivity(classes.pos, classes.neg, target);
}
