/**
 * The errors @cxr/stats throws. Messages name the function, the argument, what was expected and
 * what arrived, e.g. `rocAuc(yScore): expected finite numbers, received NaN at index 3`.
 */

/** A caller passed an argument outside the function's contract (shape, range, type). */
export class StatsArgumentError extends Error {
  override name = 'StatsArgumentError';
  constructor(
    readonly fn: string,
    readonly arg: string,
    readonly expected: string,
    received: unknown,
  ) {
    super(`${fn}(${arg}): expected ${expected}, received ${describeValue(received)}`);
  }
}

/**
 * The input is well-formed but the statistic is undefined for it (e.g. a Welch test where both
 * groups have zero variance), so no number can be returned honestly.
 */
export class StatsDegenerateError extends Error {
  override name = 'StatsDegenerateError';
  constructor(
    readonly fn: string,
    readonly detail: string,
  ) {
    super(`${fn}: ${detail}`);
  }
}

/** A description of what arrived, printed as is (a raw received value is quoted or summarised). */
export class ReceivedDetail {
  constructor(readonly text: string) {}
}

/** Marks `text` as a description of the received value, e.g. detail(`NaN at index 3`). */
export function detail(text: string): ReceivedDetail {
  return new ReceivedDetail(text);
}

/** Short printable form of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value instanceof ReceivedDetail) return value.text;
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  }
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? `an object with keys [${Object.keys(value as object).join(', ')}]` : typeof value;
}
