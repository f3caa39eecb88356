import { detail } from '@cxr/core';
import { StatsArgumentError } from '../errors.ts';

/** Throws unless pValues is an array of numbers in [0, 1]. */
export function checkPValues(fn: string, pValues: unknown): readonly number[] {
  if (!Array.isArray(pValues)) throw new StatsArgumentError(fn, 'pValues', 'an array of p-values', pValues);
  pValues.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1))
      throw new StatsArgumentError(fn, 'pValues', 'numbers in [0, 1]', detail(`${p} at index ${i}`));
  });
  return pValues as number[];
}
