import { checkUnitInterval } from './internal/check-target.ts';
import { prepareTwoClass } from './internal/prepare-two-class.ts';
import { smallestThresholdForSpecificity } from './internal/smallest-threshold-for-specificity.ts';
import type { StatsProblem } from './types.ts';

/**
 * The smallest threshold whose specificity tn/N is >= target (positive when score >= threshold):
 * the high-specificity operating point of thesis Table 10 ("Sens@Spec=95%"). Candidates are the
 * observed scores plus +Infinity, which is returned when only "nothing positive" reaches the
 * target (e.g. the top-scored samples are all negatives). Equals the last
 * `roc_curve(drop_intermediate=False)` threshold with 1 - fpr >= target.
 *
 * A label with no positives or no negatives gives NaN and a reason in `problems`.
 * Cost: O(N log N).
 * @throws StatsArgumentError for bad yTrue/yScore (see rocAuc) or a target outside [0, 1].
 * @example thresholdForSpecificity([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.95) // 0.8
 */
export function thresholdForSpecificity(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  target: number,
  problems?: StatsProblem[],
): number {
  checkUnitInterval('thresholdForSpecificity', 'target', target);
  const classes = prepareTwoClass('thresholdForSpecificity', yTrue, yScore, problems);
  if (!classes) return Number.NaN;
  return smallestThresholdForSpecificity(classes.pos, classes.neg, target);
}
