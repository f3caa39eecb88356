/**
 * How error messages print a received value: short, never the whole of a large array, and never
 * the whole of a long string, so a message stays one readable line.
 */

/** A description of what arrived, printed as is instead of being quoted or summarised. */
export class ReceivedDetail {
  constructor(readonly text: string) {}
}

/**
 * Marks `text` as a description of the received value.
 *
 * @example describeValue(detail('NaN at index 3')) // 'NaN at index 3'
 */
export function detail(text: string): ReceivedDetail {
  return new ReceivedDetail(text);
}

/**
 * Short printable form of a received value for error messages: strings quoted (cut at 80
 * characters), numbers as they are, arrays and typed arrays by length, objects by their keys.
 *
 * @example describeValue('mobilenet-v2') // '"mobilenet-v2"'
 * @example describeValue(new Float32Array(1000)) // 'a Float32Array of length 1000'
 */
export function describeValue(value: unknown): string {
  if (value instanceof ReceivedDetail) return value.text;
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value == null) {
    return String(value);
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  }
  const keys = Object.keys(value as object);
  return `an object with keys [${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', ...' : ''}]`;
}
