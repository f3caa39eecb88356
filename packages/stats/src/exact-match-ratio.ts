import { checkPredictionPair } from './internal/check-prediction-pair.ts';
import type { LabelMatrix } from './types.ts';

/**
 * Exact-match ratio (subset accuracy): the fraction of images whose whole K-label 0/1
 * prediction equals the truth.
 *
 * Same as scikit-learn's `accuracy_score(Y, Yhat)` on multi-label indicator matrices.
 * Cost: O(N K).
 * @throws StatsArgumentError for malformed or mismatched matrices or non-0/1 values.
 * @example exactMatchRatio({ rows: 2, cols: 2, data: [0, 1, 1, 1] }, { rows: 2, cols: 2, data: [0, 1, 0, 1] }) // 0.5
 */
export function exactMatchRatio(yTrue: LabelMatrix, yPred: LabelMatrix): number {
  const m = checkPredictionPair('exactMatchRatio', yTrue, yPred);
  const { rows, cols } = m.yTrue;
  const t = m.yTrue.data;
  const p = m.yPred.data;
  let exact = 0;
  for (let n = 0; n < rows; n++) {
    let same = true;
    for (let i = n * cols; i < (n + 1) * cols; i++) {
      if (t[i] !== p[i]) {
        same = false;
        break;
      }
    }
    if (same) exact++;
  }
  return exact / rows;
}
