import { detail } from '@cxr/core';
import { StatsArgumentError } from '../errors.ts';
import type { LabelMatrix } from '../types.ts';
import { checkArrayLike } from './check-binary-input.ts';

/** Throws unless `m` is a LabelMatrix with positive integer rows/cols and rows x cols data. */
export function checkMatrix(fn: string, arg: string, m: unknown): LabelMatrix {
  if (typeof m !== 'object' || m === null) throw new StatsArgumentError(fn, arg, 'a LabelMatrix { rows, cols, data }', m);
  const { rows, cols, data } = m as Partial<LabelMatrix>;
  if (!Number.isInteger(rows) || rows! < 1) throw new StatsArgumentError(fn, `${arg}.rows`, 'an integer >= 1', rows);
  if (!Number.isInteger(cols) || cols! < 1) throw new StatsArgumentError(fn, `${arg}.cols`, 'an integer >= 1', cols);
  checkArrayLike(fn, `${arg}.data`, data);
  if (data!.length !== rows! * cols!) {
    throw new StatsArgumentError(fn, `${arg}.data`, `length rows x cols = ${rows! * cols!}`, detail(`length ${data!.length}`));
  }
  return m as LabelMatrix;
}

/**
 * Checks a (truth, other) matrix pair: both valid, same shape, truth only 0/1, other finite
 * (and, with `unit`, inside [0, 1]). O(N K).
 */
export function checkMatrixPair(
  fn: string,
  yTrue: unknown,
  other: unknown,
  otherArg: string,
  unit = false,
): { yTrue: LabelMatrix; other: LabelMatrix } {
  const t = checkMatrix(fn, 'yTrue', yTrue);
  const o = checkMatrix(fn, otherArg, other);
  if (o.rows !== t.rows || o.cols !== t.cols) {
    throw new StatsArgumentError(fn, otherArg, `shape ${t.rows} x ${t.cols} (the shape of yTrue)`, detail(`shape ${o.rows} x ${o.cols}`));
  }
  const td = t.data;
  const od = o.data;
  const n = td.length;
  // Hot loops stay free of throw sites (they moved to fail()); V8 optimises them far better.
  for (let i = 0; i < n; i++) {
    const y = td[i]!;
    if (y !== 0 && y !== 1) fail(fn, 'yTrue', 'only 0 or 1', y, i, t.cols);
    const s = od[i]!;
    if (s - s !== 0) fail(fn, otherArg, 'finite numbers', s, i, t.cols);
  }
  if (unit) {
    for (let i = 0; i < n; i++) {
      const s = od[i]!;
      if (s < 0 || s > 1) fail(fn, otherArg, 'values in [0, 1]', s, i, t.cols);
    }
  }
  return { yTrue: t, other: o };
}

function fail(fn: string, arg: string, expected: string, value: number, i: number, cols: number): never {
  throw new StatsArgumentError(fn, arg, expected, detail(`${value} at ${cell(i, cols)}`));
}

function cell(i: number, cols: number): string {
  return `row ${Math.floor(i / cols)}, label ${i % cols}`;
}
