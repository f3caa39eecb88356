/**
 * The errors @cxr/data throws. Messages name the function (or file), the argument (or row and
 * field), what was expected and what arrived.
 */

/** A caller passed an argument outside its contract. */
export class DataArgumentError extends Error {
  override name = 'DataArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(`${fn}(${arg}): expected ${expected}, received ${describe(received)}`);
  }
}

/** A dataset file is malformed or missing; names the file, the 1-based line and the field. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${field ? ` [${field}]` : ''}: ${detail}`);
  }
}

/** Short printable form of a received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  return typeof value === 'object' ? `an object with keys [${Object.keys(value as object).join(', ')}]` : typeof value;
}
