import { DataArgumentError } from '../errors.ts';

/** Validates indices against targets; returns the number of labels. */
export function checkTargets(fn: string, indices: number[], targets: Float32Array[]): number {
  if (!Array.isArray(indices) || indices.length === 0)
    throw new DataArgumentError(fn, 'indices', 'a non-empty array of record indices', indices);
  if (!Array.isArray(targets) || targets.length === 0)
    throw new DataArgumentError(fn, 'targets', 'a non-empty array of Float32Array', targets);
  const k = targets[indices[0]!]?.length ?? 0;
  for (const idx of indices) {
    if (!Number.isInteger(idx) || idx < 0 || idx >= targets.length) {
      throw new DataArgumentError(fn, 'indices', `record indices in [0, ${targets.length})`, idx);
    }
    const t = targets[idx];
    if (!(t instanceof Float32Array) || t.length !== k || k === 0) {
      throw new DataArgumentError(fn, `targets[${idx}]`, `a Float32Array of length ${k || '>= 1'}`, t);
    }
  }
  return k;
}
