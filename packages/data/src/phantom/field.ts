/**
 * Small numeric helpers for the phantom renderer: smooth edges and a hash-based value-noise field
 * (deterministic in its seed, so a patient's texture is the same on every follow-up and machine).
 */

/** Cubic smoothstep of x clamped to [0, 1]. */
export function smooth01(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}

/** 32-bit integer hash of a lattice point and a seed, mapped to [0, 1). */
export function hash2(ix: number, iy: number, seed: number): number {
  let h = (Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Value noise in [0, 1): smooth interpolation of lattice hashes (Perlin 1985, value variant). */
export function valueNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash2(ix, iy, seed);
  const b = hash2(ix + 1, iy, seed);
  const c = hash2(ix, iy + 1, seed);
  const d = hash2(ix + 1, iy + 1, seed);
  const top = a + (b - a) * sx;
  return top + (c + (d - c) * sx - top) * sy;
}

/** 5x7 bitmaps of the lead marker letters, rows top to bottom. */
export const MARKER_GLYPHS: Record<'L' | 'R', string[]> = {
  L: ['1000', '1000', '1000', '1000', '1000', '1000', '1111'],
  R: ['1110', '1001', '1001', '1110', '1010', '1001', '1001'],
};
