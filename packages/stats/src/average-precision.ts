import { checkBinaryInput } from './internal/check-binary-input.ts';
import { rankingFromSorted } from './internal/ranking-from-sorted.ts';
import { scoresByClass } from './internal/scores-by-class.ts';
import { undefinedReason } from './internal/undefined-reason.ts';
import type { StatsProblem } from './types.ts';

/**
 * Average precision (PR-AUC) of one label: the step-wise sum over distinct thresholds of
 * (R_n - R_{n-1}) x P_n, with everything scoring >= the threshold called positive. No
 * interpolation between points.
 *
 * Same as scikit-learn's `average_precision_score(yTrue, yScore)` (checked to 1e-9 on the
 * committed fixtures). A label with no positives or no negatives gives NaN (scikit-learn gives
 * 0 with a warning, or 1.0 when every sample is positive) and the reason goes to `problems`.
 *
 * Cost: O(N log N), one native sort of each class's scores.
 * @throws StatsArgumentError if lengths differ or are 0, yTrue holds anything but 0/1, or a score
 *   is not finite.
 * @example averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333333333333333
 */
export function averagePrecision(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, problems?: StatsProblem[]): number {
  const positives = checkBinaryInput('averagePrecision', yTrue, yScore);
  const reason = undefinedReason(positives, yTrue.length - positives);
  if (reason) {
    problems?.push({ fn: 'averagePrecision', reason });
    return Number.NaN;
  }
  const { pos, neg } = scoresByClass(yTrue, yScore, positives);
  return rankingFromSorted(pos, neg).ap;
}
