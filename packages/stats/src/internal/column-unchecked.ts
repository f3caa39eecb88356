import type { LabelMatrix } from '../types.ts';

/** column() without validation, for callers that already checked the matrix. O(N). */
export function columnUnchecked(m: LabelMatrix, k: number): Float64Array {
  const out = new Float64Array(m.rows);
  const { data, cols } = m;
  for (let n = 0, i = k; n < m.rows; n++, i += cols) out[n] = data[i]!;
  return out;
}
