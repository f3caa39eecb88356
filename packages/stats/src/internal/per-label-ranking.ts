import type { LabelMatrix, StatsProblem } from '../types.ts';
import { columnUnchecked } from './column-unchecked.ts';
import { rankingFromSorted } from './ranking-from-sorted.ts';
import { scoresByClass } from './scores-by-class.ts';
import { undefinedReason } from './undefined-reason.ts';

/**
 * AUC-ROC and AP of every label of a validated matrix pair, one sort per class per label.
 * Undefined labels get NaN, their reason in `reasons` and a problem for `fn`. O(K N log N).
 */
export function perLabelRanking(
  fn: string,
  yTrue: LabelMatrix,
  yScore: LabelMatrix,
  problems: StatsProblem[] | undefined,
): { auc: number[]; ap: number[]; reasons: string[]; positives: number[] } {
  const auc: number[] = [];
  const ap: number[] = [];
  const reasons: string[] = [];
  const positives: number[] = [];
  for (let k = 0; k < yTrue.cols; k++) {
    const t = columnUnchecked(yTrue, k);
    let p = 0;
    for (let n = 0; n < t.length; n++) p += t[n]!;
    positives.push(p);
    const reason = undefinedReason(p, t.length - p);
    reasons.push(reason);
    if (reason) {
      problems?.push({ fn, label: k, reason });
      auc.push(Number.NaN);
      ap.push(Number.NaN);
      continue;
    }
    const { pos, neg } = scoresByClass(t, columnUnchecked(yScore, k), p);
    const r = rankingFromSorted(pos, neg);
    auc.push(r.auc);
    ap.push(r.ap);
  }
  return { auc, ap, reasons, positives };
}
