/**
 * How far point p lies vertically from the segment a-b of a curve whose x never decreases: |y_p -
 * the segment's y at x_p|; on a vertical segment (x_a = x_b) its distance to the segment's y range.
 * NaN when a coordinate is NaN (a single-class curve). O(1).
 */
export function verticalDeviation(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  if (bx > ax) return Math.abs(py - (ay + ((px - ax) / (bx - ax)) * (by - ay)));
  if (bx === ax) return Math.max(0, Math.min(ay, by) - py, py - Math.max(ay, by));
  return Number.NaN;
}
