/**
 * The errors @cxr/models throws. Messages name the function, the argument (or the weights
 * source and layer), what was expected and what arrived.
 */

/** A caller passed an argument outside its contract (unknown backbone, bad head spec, ...). */
export class ModelArgumentError extends Error {
  override name = 'ModelArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(`${fn}(${arg}): expected ${expected}, received ${describe(received)}`);
  }
}

/** Weights could not be read or do not fit the model (missing file, shape mismatch, ...). */
export class ModelWeightsError extends Error {
  override name = 'ModelWeightsError';
  constructor(
    fn: string,
    readonly source: string,
    detail: string,
  ) {
    super(`${fn}(${source}): ${detail}`);
  }
}

/** Short printable form of a received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `[${value.slice(0, 8).map(describe).join(', ')}${value.length > 8 ? ', ...' : ''}]`;
  return typeof value === 'object' ? `an object with keys [${Object.keys(value as object).join(', ')}]` : typeof value;
}
