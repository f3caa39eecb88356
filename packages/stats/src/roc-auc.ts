import { checkBinaryInput } from './internal/check-binary-input.ts';
import { rankingFromSorted } from './internal/ranking-from-sorted.ts';
import { scoresByClass } from './internal/scores-by-class.ts';
import { undefinedReason } from './internal/undefined-reason.ts';
import type { StatsProblem } from './types.ts';

/**
 * Area under the ROC curve of one label: the probability that a random positive scores above a
 * random negative, ties counted half (the Mann-Whitney U statistic divided by P x N; thesis eq. 18).
 *
 * Same as scikit-learn's `roc_auc_score(yTrue, yScore)` (checked to 1e-9 on the committed
 * fixtures). Where scikit-learn raises for a label with a single class, this returns NaN and
 * pushes the reason onto `problems` - never a made-up 0.5.
 *
 * Cost: O(N log N), one native sort of each class's scores.
 * @throws StatsArgumentError if lengths differ or are 0, yTrue holds anything but 0/1, or a score
 *   is not finite.
 * @example rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, problems?: StatsProblem[]): number {
  const positives = checkBinaryInput('rocAuc', yTrue, yScore);
  const reason = undefinedReason(positives, yTrue.length - positives);
  if (reason) {
    problems?.push({ fn: 'rocAuc', reason });
    return Number.NaN;
  }
  const { pos, neg } = scoresByClass(yTrue, yScore, positives);
  return rankingFromSorted(pos, neg).auc;
}
