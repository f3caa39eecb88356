/**
 * Bilinear resampling of a single-channel map with half-pixel centres (OpenCV's INTER_LINEAR and
 * tf.image.resize 'bilinear' with half_pixel_centers=True): output pixel (x + 0.5) maps to source
 * position (x + 0.5) * w / W - 0.5, clamped to the border. Plain JS so every backend agrees.
 */

/**
 * `src` (h x w, row-major) resampled to `outH` x `outW`.
 *
 * @example upsampleBilinear(new Float32Array([0, 1]), 1, 2, 1, 4) // [0, 0.25, 0.75, 1]
 */
export function upsampleBilinear(src: ArrayLike<number>, h: number, w: number, outH: number, outW: number): Float32Array {
  const out = new Float32Array(outH * outW);
  const coord = (o: number, n: number, outN: number): [number, number, number] => {
    const p = Math.min(n - 1, Math.max(0, ((o + 0.5) * n) / outN - 0.5));
    const i0 = Math.floor(p);
    const i1 = Math.min(n - 1, i0 + 1);
    return [i0, i1, p - i0];
  };
  for (let y = 0; y < outH; y++) {
    const [y0, y1, fy] = coord(y, h, outH);
    for (let x = 0; x < outW; x++) {
      const [x0, x1, fx] = coord(x, w, outW);
      const top = src[y0 * w + x0]! * (1 - fx) + src[y0 * w + x1]! * fx;
      const bottom = src[y1 * w + x0]! * (1 - fx) + src[y1 * w + x1]! * fx;
      out[y * outW + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}
