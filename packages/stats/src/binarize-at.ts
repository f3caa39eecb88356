import { checkMatrix } from './internal/check-matrix.ts';
import { checkThresholds } from './internal/check-thresholds.ts';
import type { LabelMatrix } from './types.ts';

/**
 * 0/1 predictions from scores: cell (n, k) is 1 when score >= thresholds[k] (a single number is
 * used for every label). Feeds hammingLoss and exactMatchRatio.
 *
 * Cost: O(N K).
 * @throws StatsArgumentError for a malformed matrix, or thresholds that are NaN or not one per label.
 * @example binarizeAt({ rows: 2, cols: 2, data: [0.2, 0.7, 0.5, 0.1] }, [0.5, 0.05]) // { rows: 2, cols: 2, data: Uint8Array [0, 1, 1, 1] }
 */
export function binarizeAt(yScore: LabelMatrix, thresholds: number | ArrayLike<number>): LabelMatrix {
  const m = checkMatrix('binarizeAt', 'yScore', yScore);
  const th = checkThresholds('binarizeAt', thresholds, m.cols);
  const out = new Uint8Array(m.rows * m.cols);
  const d = m.data;
  for (let i = 0; i < out.length; i++) out[i] = d[i]! >= th[i % m.cols]! ? 1 : 0;
  return { rows: m.rows, cols: m.cols, data: out };
}
