import { detail } from '@cxr/core';
import { StatsArgumentError } from '../errors.ts';

/**
 * Validates a per-label (yTrue, yScore) pair: same non-zero length, yTrue only 0/1, yScore finite.
 * Returns the number of positives. O(N).
 */
export function checkBinaryInput(fn: string, yTrue: ArrayLike<number>, yScore: ArrayLike<number>, scoreArg = 'yScore'): number {
  checkArrayLike(fn, 'yTrue', yTrue);
  checkArrayLike(fn, scoreArg, yScore);
  const n = yTrue.length;
  if (n === 0) throw new StatsArgumentError(fn, 'yTrue', 'at least one element', detail('an empty array'));
  if (yScore.length !== n) {
    throw new StatsArgumentError(fn, scoreArg, `length ${n} (the length of yTrue)`, detail(`length ${yScore.length}`));
  }
  let positives = 0;
  // Throw sites live in fail(): a loop without them is optimised far better by V8.
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    if (y === 1) positives++;
    else if (y !== 0) fail(fn, 'yTrue', 'only 0 or 1', y, i);
    const s = yScore[i]!;
    if (s - s !== 0) fail(fn, scoreArg, 'finite numbers', s, i);
  }
  return positives;
}

function fail(fn: string, arg: string, expected: string, value: number, i: number): never {
  throw new StatsArgumentError(fn, arg, expected, detail(`${value} at index ${i}`));
}

/** Throws unless `value` is an array or typed array. */
export function checkArrayLike(fn: string, arg: string, value: unknown): void {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new StatsArgumentError(fn, arg, 'an array or typed array of numbers', value);
  }
}
