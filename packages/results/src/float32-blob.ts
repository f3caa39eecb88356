import { ResultsArgumentError, ResultsFileError } from './errors.ts';

/**
 * Packs a Float32Array into a little-endian byte buffer for a SQLite BLOB (4 bytes per value), the
 * compact form in which predictions are kept so curves and bootstrap intervals can be recomputed.
 * Copies the values, so the result is independent of the caller's array. Cost: O(n).
 *
 * @example float32ToBlob(new Float32Array([1])) // <Buffer 00 00 80 3f>
 */
export function float32ToBlob(values: Float32Array): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, i * 4);
  return out;
}

/**
 * Unpacks a little-endian Float32 BLOB written by float32ToBlob into a fresh Float32Array.
 *
 * @throws ResultsFileError when the byte length is not `expectedLength * 4` (a damaged row); the
 *   message names `where` (table, run and column).
 * @example blobToFloat32(Buffer.from([0, 0, 0x80, 0x3f]), 1, 'x') // Float32Array [1]
 */
export function blobToFloat32(blob: Uint8Array, expectedLength: number, where: string): Float32Array {
  if (blob.byteLength !== expectedLength * 4) {
    throw new ResultsFileError(where, `expected a Float32 blob of ${expectedLength * 4} bytes, found ${blob.byteLength}`);
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Float32Array(expectedLength);
  for (let i = 0; i < expectedLength; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Checks that an argument is a Float32Array of the given length (shared by finishRun). */
export function assertFloat32(fn: string, arg: string, value: unknown, length: number): Float32Array {
  if (!(value instanceof Float32Array) || value.length !== length) {
    throw new ResultsArgumentError(fn, arg, `a Float32Array of length ${length} (rows * cols)`, value);
  }
  return value;
}
