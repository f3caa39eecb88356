import { detail } from '@cxr/core';
import { StatsArgumentError } from '../errors.ts';

/** One threshold per label: a single number is broadcast; NaN is rejected (+-Infinity allowed). */
export function checkThresholds(fn: string, thresholds: unknown, cols: number): Float64Array {
  if (typeof thresholds === 'number') {
    if (Number.isNaN(thresholds)) throw new StatsArgumentError(fn, 'thresholds', 'a number or one number per label', thresholds);
    return new Float64Array(cols).fill(thresholds);
  }
  if (!Array.isArray(thresholds) && !ArrayBuffer.isView(thresholds)) {
    throw new StatsArgumentError(fn, 'thresholds', 'a number or one number per label', thresholds);
  }
  const t = thresholds as ArrayLike<number>;
  if (t.length !== cols) throw new StatsArgumentError(fn, 'thresholds', `${cols} thresholds (one per label)`, detail(`length ${t.length}`));
  const out = new Float64Array(cols);
  for (let k = 0; k < cols; k++) {
    if (typeof t[k] !== 'number' || Number.isNaN(t[k])) {
      throw new StatsArgumentError(fn, 'thresholds', 'numbers (not NaN)', detail(`${t[k]} at label ${k}`));
    }
    out[k] = t[k]!;
  }
  return out;
}
