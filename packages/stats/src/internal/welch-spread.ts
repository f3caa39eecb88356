import type { GroupSpread } from '../types.ts';

/**
 * Standard error sqrt(s_a^2/n_a + s_b^2/n_b) (thesis eq. 20) and the Welch-Satterthwaite df
 * (thesis eq. 21, general n) of a two-group comparison. One zero sd gives df = n - 1 of the other;
 * both zero gives se 0 and df NaN, which the callers refuse first.
 */
export function welchSpread(a: GroupSpread, b: GroupSpread): { se: number; df: number } {
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const df = ((va + vb) * (va + vb)) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { se: Math.sqrt(va + vb), df };
}
