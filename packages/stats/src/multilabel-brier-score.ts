import { checkMatrixPair } from './internal/check-matrix.ts';
import type { LabelMatrix } from './types.ts';

/**
 * Brier score of an N x K probability matrix: thesis eq. 19, (1 / NK) sum_n sum_i (p_ni - y_ni)^2,
 * plus the per-label scores (each the mean over images; `brier` is their mean, which equals the
 * pooled mean because every label has N images). Lower is better; 0 is perfect.
 *
 * Per-label values equal scikit-learn's `brier_score_loss(Y[:, k], P[:, k])`.
 * Cost: O(N K).
 * @throws StatsArgumentError for malformed or mismatched matrices, yTrue not 0/1, or
 *   probabilities outside [0, 1].
 * @example multilabelBrierScore({ rows: 2, cols: 2, data: [0, 1, 1, 1] }, { rows: 2, cols: 2, data: [0.2, 0.6, 1, 0.9] })
 *   // { brier: 0.0525, perLabel: [0.02, 0.085] }
 */
export function multilabelBrierScore(yTrue: LabelMatrix, yProb: LabelMatrix): { brier: number; perLabel: number[] } {
  const m = checkMatrixPair('multilabelBrierScore', yTrue, yProb, 'yProb', true);
  const { rows, cols } = m.yTrue;
  const t = m.yTrue.data;
  const p = m.other.data;
  const sums = new Float64Array(cols);
  for (let i = 0; i < t.length; i++) {
    const d = p[i]! - t[i]!;
    sums[i % cols] += d * d;
  }
  let total = 0;
  for (let k = 0; k < cols; k++) total += sums[k]!;
  return { brier: total / (rows * cols), perLabel: Array.from(sums, (s) => s / rows) };
}
