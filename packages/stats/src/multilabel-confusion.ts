import { checkMatrixPair } from './internal/check-matrix.ts';
import { checkThresholds } from './internal/check-thresholds.ts';
import type { Confusion, LabelMatrix } from './types.ts';

/**
 * One confusion matrix per label, predicting positive when score >= thresholds[k] (a single
 * number is used for every label).
 *
 * Same as scikit-learn's `multilabel_confusion_matrix(Y, S >= thresholds)`, whose
 * [[tn, fp], [fn, tp]] blocks are returned as objects.
 * Cost: O(N K).
 * @throws StatsArgumentError for malformed or mismatched matrices, yTrue not 0/1, non-finite
 *   scores, or thresholds that are NaN or not one per label.
 * @example multilabelConfusion({ rows: 2, cols: 1, data: [0, 1] }, { rows: 2, cols: 1, data: [0.6, 0.7] }, 0.5)
 *   // [{ tp: 1, fp: 1, tn: 0, fn: 0 }]
 */
export function multilabelConfusion(yTrue: LabelMatrix, yScore: LabelMatrix, thresholds: number | ArrayLike<number>): Confusion[] {
  const m = checkMatrixPair('multilabelConfusion', yTrue, yScore, 'yScore');
  const { cols } = m.yTrue;
  const th = checkThresholds('multilabelConfusion', thresholds, cols);
  const out: Confusion[] = Array.from({ length: cols }, () => ({ tp: 0, fp: 0, tn: 0, fn: 0 }));
  const t = m.yTrue.data;
  const s = m.other.data;
  for (let i = 0; i < t.length; i++) {
    const k = i % cols;
    const c = out[k]!;
    const predicted = s[i]! >= th[k]!;
    if (t[i] === 1) {
      if (predicted) c.tp++;
      else c.fn++;
    } else if (predicted) c.fp++;
    else c.tn++;
  }
  return out;
}
