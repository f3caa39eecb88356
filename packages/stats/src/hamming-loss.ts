import { checkPredictionPair } from './internal/check-prediction-pair.ts';
import type { LabelMatrix } from './types.ts';

/**
 * Hamming loss: the fraction of the N x K (image, label) cells whose 0/1 prediction is wrong.
 *
 * Same as scikit-learn's `hamming_loss(Y, Yhat)`.
 * Cost: O(N K).
 * @throws StatsArgumentError for malformed or mismatched matrices or non-0/1 values.
 * @example hammingLoss({ rows: 2, cols: 2, data: [0, 1, 1, 1] }, { rows: 2, cols: 2, data: [0, 1, 0, 0] }) // 0.5
 */
export function hammingLoss(yTrue: LabelMatrix, yPred: LabelMatrix): number {
  const m = checkPredictionPair('hammingLoss', yTrue, yPred);
  const t = m.yTrue.data;
  const p = m.yPred.data;
  let wrong = 0;
  for (let i = 0; i < t.length; i++) if (t[i] !== p[i]) wrong++;
  return wrong / t.length;
}
