// Broadcasts that this package's fused gradient kernels handle: a tensor of shape `full` against
// one whose shape is `full` with one contiguous block of axes set to 1 (right-aligned, as tfjs
// broadcasts). Then full = [A, B, C] and the small one = [A, C] in row-major order - batch-norm
// statistics ([C] against NHWC: A = 1), global pooling and squeeze-excite ([N, C]: B = H*W),
// a scalar (A = C = 1), or no broadcast at all (B = 1).

/** [A, B, C] for `full` against `small`, or null when the broadcast is not one contiguous block. */
export function blockView(full: readonly number[], small: readonly number[]): [number, number, number] | null {
  if (small.length > full.length) return null;
  const pad = full.length - small.length;
  const reduced: boolean[] = full.map((d, i) => {
    const s = i < pad ? 1 : small[i - pad]!;
    return s !== d;
  });
  for (let i = pad; i < full.length; i++) {
    const s = small[i - pad]!;
    if (s !== 1 && s !== full[i]) return null;
  }
  let first = reduced.indexOf(true);
  if (first < 0) first = full.length;
  let last = reduced.lastIndexOf(true);
  if (last < 0) last = full.length - 1;
  for (let i = first; i <= last; i++) if (!reduced[i] && full[i] !== 1) return null;
  const prod = (a: number, b: number) => full.slice(a, b).reduce((x, y) => x * y, 1);
  return [prod(0, first), prod(first, last + 1), prod(last + 1, full.length)];
}
