/**
 * The blue-to-red colour map of the Grad-CAM overlays: a piecewise-linear "jet"-like ramp
 * blue -> cyan -> green -> yellow -> red, the usual rendering of Grad-CAM maps since Selvaraju et al.
 */

/**
 * [r, g, b] in 0..255 for t in [0, 1] (clamped): 0 blue, 0.25 cyan, 0.5 green, 0.75 yellow, 1 red.
 *
 * @example heatmapColour(0) // [0, 0, 255]; heatmapColour(1) // [255, 0, 0]
 */
export function heatmapColour(t: number): [number, number, number] {
  const v = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const ramp = (a: number): number => Math.round(255 * Math.min(1, Math.max(0, a)));
  return [ramp(4 * v - 2), ramp(v < 0.5 ? 4 * v : 4 - 4 * v), ramp(2 - 4 * v)];
}
