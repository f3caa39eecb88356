/** Argument checks shared by the store's functions; each throws ResultsArgumentError. */
import { ResultsArgumentError } from './errors.ts';

/** A finite number (metrics, losses, seconds): NaN and +/-Infinity are refused. */
export function finiteNumber(fn: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ResultsArgumentError(fn, arg, 'a finite number', value);
  return value;
}

/** A non-empty string without surrounding whitespace (names, labels, splits, fingerprints). */
export function nameString(fn: string, arg: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.trim() !== value) {
    throw new ResultsArgumentError(fn, arg, 'a non-empty string without surrounding spaces', value);
  }
  return value;
}

/** A safe integer >= min (seeds, epochs, row counts, ids). */
export function integer(fn: string, arg: string, value: unknown, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ResultsArgumentError(fn, arg, `an integer >= ${min}`, value);
  }
  return value;
}

/** A map of names to finite numbers (per-epoch metrics, learning rates). */
export function finiteRecord(fn: string, arg: string, value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ResultsArgumentError(fn, arg, 'an object of name -> finite number', value);
  }
  for (const [k, v] of Object.entries(value)) finiteNumber(fn, `${arg}.${k}`, v);
  return value as Record<string, number>;
}

/** A plain object (info JSON); its contents are checked by canonicalJson when written. */
export function plainObject(fn: string, arg: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ResultsArgumentError(fn, arg, 'a plain object', value);
  }
  return value as Record<string, unknown>;
}
