import { detail } from '@cxr/core';
import { StatsArgumentError } from './errors.ts';
import { verticalDeviation } from './internal/vertical-deviation.ts';
import type { CurvePointLike } from './types.ts';

/** What thinCurve reports besides the points: the tolerance the kept points honour. */
export interface ThinCurveReport {
  /**
   * Every dropped point lies within this vertical distance of the segment joining the kept points
   * around it (0 when nothing was dropped).
   */
  tolerance: number;
}

/**
 * At most `maxPoints` points of a curve (a ROC or PR curve: x never decreasing) that draw the same
 * shape within a stated vertical tolerance: Ramer-Douglas-Peucker (Douglas & Peucker 1973) with
 * vertical deviation, at the smallest tolerance that keeps no more than `maxPoints`. That
 * tolerance is what a bisection on it converges to; it is found exactly instead, from one pass
 * that records for every point the tolerance below which RDP keeps it (the smallest split
 * deviation on its path), and is written to `report.tolerance`.
 *
 * Keeps the first and the last point, keeps the order, and returns the points unchanged (a copy
 * of the array) when there are already <= maxPoints. Points with a NaN coordinate (the curve of
 * a single-class label) never hold a point in.
 *
 * Cost: O(N log N) for typical curves, O(N^2) at worst (as RDP).
 * @throws StatsArgumentError if points is not an array of {x, y, threshold} numbers, x decreases
 *   somewhere, or maxPoints is not an integer >= 2.
 * @example thinCurve(rocCurve(yTrue, yScore), 100, report) // <= 100 points; report.tolerance 0.004
 */
export function thinCurve(points: readonly CurvePointLike[], maxPoints: number, report?: ThinCurveReport): CurvePointLike[] {
  checkCurve(points);
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new StatsArgumentError('thinCurve', 'maxPoints', 'an integer >= 2', maxPoints);
  if (report) report.tolerance = 0;
  if (points.length <= maxPoints) return [...points];
  const keepBelow = keepTolerances(points);
  const interior = Array.from(keepBelow.subarray(1, points.length - 1)).sort((a, b) => b - a);
  // Kept: points whose keep-tolerance exceeds the tolerance; the (maxPoints - 1)-th largest leaves at most maxPoints - 2 interior points.
  const tolerance = interior[maxPoints - 2]!;
  if (report) report.tolerance = tolerance;
  return points.filter((_, i) => i === 0 || i === points.length - 1 || keepBelow[i]! > tolerance);
}

/**
 * For each interior point, the largest tolerance at which RDP still keeps it: RDP splits a
 * segment at its farthest point when that deviation exceeds the tolerance, so a point survives
 * while every split on its path (its own included) does. Endpoints get +Infinity.
 */
function keepTolerances(points: readonly CurvePointLike[]): Float64Array {
  const n = points.length;
  const keep = new Float64Array(n);
  keep[0] = keep[n - 1] = Number.POSITIVE_INFINITY;
  // explicit stack: a convex ROC curve splits next to one end each time, a depth of N
  const stack: [number, number, number][] = [[0, n - 1, Number.POSITIVE_INFINITY]];
  while (stack.length > 0) {
    const [a, b, parent] = stack.pop()!;
    if (b - a < 2) continue;
    const pa = points[a]!;
    const pb = points[b]!;
    let far = a + 1;
    let farDev = -1;
    for (let i = a + 1; i < b; i++) {
      const d = verticalDeviation(pa.x, pa.y, pb.x, pb.y, points[i]!.x, points[i]!.y);
      if (d > farDev) {
        farDev = d;
        far = i;
      }
    }
    // all deviations NaN: nothing here is drawn, so nothing is worth keeping
    const own = Math.min(parent, farDev < 0 ? 0 : farDev);
    keep[far] = own;
    stack.push([a, far, own], [far, b, own]);
  }
  return keep;
}

function checkCurve(points: readonly CurvePointLike[]): void {
  if (!Array.isArray(points)) throw new StatsArgumentError('thinCurve', 'points', 'an array of {x, y, threshold}', points);
  let lastX = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Partial<CurvePointLike> | null;
    if (typeof p !== 'object' || p === null || typeof p.x !== 'number' || typeof p.y !== 'number' || typeof p.threshold !== 'number') {
      throw new StatsArgumentError('thinCurve', `points[${i}]`, 'an object {x, y, threshold} of numbers', p);
    }
    if (p.x < lastX) throw new StatsArgumentError('thinCurve', `points[${i}].x`, `x never decreasing (>= ${lastX})`, detail(String(p.x)));
    if (!Number.isNaN(p.x)) lastX = p.x;
  }
}
