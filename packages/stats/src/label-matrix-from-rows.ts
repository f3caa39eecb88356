import { detail } from '@cxr/core';
import { StatsArgumentError } from './errors.ts';
import { checkArrayLike } from './internal/check-binary-input.ts';
import type { LabelMatrix } from './types.ts';

/**
 * Builds a row-major LabelMatrix from one array per image (all the same length K).
 *
 * Cost: O(N K).
 * @throws StatsArgumentError if there are no rows, a row is not an array, rows differ in length,
 *   or a row is empty.
 * @example labelMatrixFromRows([[1, 0], [0, 1], [1, 1]]) // { rows: 3, cols: 2, data: Float64Array [1, 0, 0, 1, 1, 1] }
 */
export function labelMatrixFromRows(rows: ArrayLike<ArrayLike<number>>): LabelMatrix {
  const fn = 'labelMatrixFromRows';
  checkArrayLike(fn, 'rows', rows);
  if (rows.length === 0) throw new StatsArgumentError(fn, 'rows', 'at least one row', detail('an empty array'));
  checkArrayLike(fn, 'rows[0]', rows[0]);
  const cols = rows[0]!.length;
  if (cols === 0) throw new StatsArgumentError(fn, 'rows[0]', 'at least one label', detail('an empty array'));
  const data = new Float64Array(rows.length * cols);
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n]!;
    checkArrayLike(fn, `rows[${n}]`, row);
    if (row.length !== cols)
      throw new StatsArgumentError(fn, `rows[${n}]`, `length ${cols} (the length of rows[0])`, detail(`length ${row.length}`));
    for (let k = 0; k < cols; k++) data[n * cols + k] = row[k]!;
  }
  return { rows: rows.length, cols, data };
}
