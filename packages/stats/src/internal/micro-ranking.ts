import type { LabelMatrix, StatsProblem } from '../types.ts';
import { rankingFromSorted } from './ranking-from-sorted.ts';
import { scoresByClass } from './scores-by-class.ts';
import { undefinedReason } from './undefined-reason.ts';

/**
 * AUC-ROC and AP of the flattened N*K (label, score) pairs of a validated matrix pair - the
 * micro average. NaN for both (and a problem) when all cells share one class. O(NK log NK).
 */
export function microRanking(
  fn: string,
  yTrue: LabelMatrix,
  yScore: LabelMatrix,
  problems: StatsProblem[] | undefined,
): { auc: number; ap: number } {
  const t = yTrue.data;
  let p = 0;
  for (let i = 0; i < t.length; i++) p += t[i]!;
  const reason = undefinedReason(p, t.length - p);
  if (reason) {
    problems?.push({ fn, reason: `all labels together: ${reason}` });
    return { auc: Number.NaN, ap: Number.NaN };
  }
  const { pos, neg } = scoresByClass(t, yScore.data, p);
  return rankingFromSorted(pos, neg);
}
