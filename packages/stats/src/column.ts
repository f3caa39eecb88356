import { StatsArgumentError } from './errors.ts';
import { checkMatrix } from './internal/check-matrix.ts';
import { columnUnchecked } from './internal/column-unchecked.ts';
import type { LabelMatrix } from './types.ts';

/**
 * Copies label k of a row-major N x K matrix into a new Float64Array of length N.
 *
 * Cost: O(N).
 * @throws StatsArgumentError for a malformed matrix or k outside 0..cols-1.
 * @example column({ rows: 2, cols: 3, data: [1, 2, 3, 4, 5, 6] }, 1) // Float64Array [2, 5]
 */
export function column(matrix: LabelMatrix, k: number): Float64Array {
  const m = checkMatrix('column', 'matrix', matrix);
  if (!Number.isInteger(k) || k < 0 || k >= m.cols) {
    throw new StatsArgumentError('column', 'k', `an integer in [0, ${m.cols - 1}]`, k);
  }
  return columnUnchecked(m, k);
}
