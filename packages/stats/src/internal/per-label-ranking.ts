import type { LabelMatrix, StatsProblem } from '../types.ts';
import { rankingFromSorted } from './ranking-from-sorted.ts';
import { undefinedReason } from './undefined-reason.ts';

/**
 * AUC-ROC and AP of every label of a validated matrix pair, one native sort per class per label
 * (scores are gathered straight from the strided matrix, no column copies). Undefined labels get
 * NaN, their reason in `reasons` and a problem for `fn`. O(K N log N).
 */
export function perLabelRanking(
  fn: string,
  yTrue: LabelMatrix,
  yScore: LabelMatrix,
  problems: StatsProblem[] | undefined,
): { auc: number[]; ap: number[]; reasons: string[]; positives: number[] } {
  const { rows, cols } = yTrue;
  const t = yTrue.data;
  const s = yScore.data;
  const positives = new Array<number>(cols).fill(0);
  for (let i = 0; i < t.length; i++) positives[i % cols] += t[i]!;
  const auc: number[] = [];
  const ap: number[] = [];
  const reasons: string[] = [];
  for (let k = 0; k < cols; k++) {
    const p = positives[k]!;
    const reason = undefinedReason(p, rows - p);
    reasons.push(reason);
    if (reason) {
      problems?.push({ fn, label: k, reason });
      auc.push(Number.NaN);
      ap.push(Number.NaN);
      continue;
    }
    const pos = new Float64Array(p);
    const neg = new Float64Array(rows - p);
    let a = 0;
    let b = 0;
    for (let i = k; i < t.length; i += cols) {
      // +0 turns -0 into +0 so both zeros tie (typed-array sort puts -0 first).
      if (t[i] === 1) pos[a++] = s[i]! + 0;
      else neg[b++] = s[i]! + 0;
    }
    pos.sort();
    neg.sort();
    const r = rankingFromSorted(pos, neg);
    auc.push(r.auc);
    ap.push(r.ap);
  }
  return { auc, ap, reasons, positives };
}
