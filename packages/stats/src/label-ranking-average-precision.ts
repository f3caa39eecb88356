import { checkMatrixPair } from './internal/check-matrix.ts';
import type { LabelMatrix } from './types.ts';

/**
 * Label-ranking average precision (LRAP): for each image, rank its K labels by score; for each
 * true label j take (true labels scored >= s_j) / (labels scored >= s_j); average over the true
 * labels, then over images. Ties count as ranked above. Images with no true label, or with every
 * label true, score 1.
 *
 * Same as scikit-learn's `label_ranking_average_precision_score(Y, S)` (no sample weights).
 * Cost: O(N K^2).
 * @throws StatsArgumentError for malformed or mismatched matrices, yTrue not 0/1, non-finite scores.
 * @example labelRankingAveragePrecision({ rows: 2, cols: 3, data: [1, 0, 0, 0, 0, 1] }, { rows: 2, cols: 3, data: [0.75, 0.5, 1, 1, 0.2, 0.1] })
 *   // 0.41666666666666663
 */
export function labelRankingAveragePrecision(yTrue: LabelMatrix, yScore: LabelMatrix): number {
  const m = checkMatrixPair('labelRankingAveragePrecision', yTrue, yScore, 'yScore');
  const { rows, cols } = m.yTrue;
  const t = m.yTrue.data;
  const s = m.other.data;
  let total = 0;
  for (let n = 0; n < rows; n++) {
    const base = n * cols;
    let relevant = 0;
    for (let k = 0; k < cols; k++) relevant += t[base + k]!;
    if (relevant === 0 || relevant === cols) {
      total += 1;
      continue;
    }
    let rowSum = 0;
    for (let j = 0; j < cols; j++) {
      if (t[base + j] !== 1) continue;
      const sj = s[base + j]!;
      let above = 0;
      let relevantAbove = 0;
      for (let k = 0; k < cols; k++) {
        if (s[base + k]! >= sj) {
          above++;
          relevantAbove += t[base + k]!;
        }
      }
      rowSum += relevantAbove / above;
    }
    total += rowSum / relevant;
  }
  return total / rows;
}
