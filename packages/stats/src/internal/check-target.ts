import { StatsArgumentError } from '../errors.ts';

/** Throws unless `value` is a number in [0, 1] (a target rate or a precision floor). */
export function checkUnitInterval(fn: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new StatsArgumentError(fn, arg, 'a number in [0, 1]', value);
  }
  return value;
}
