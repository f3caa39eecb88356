import { checkGrid } from './internal/check-grid.ts';
import { checkUnitInterval } from './internal/check-target.ts';
import { bestF1OnGrid } from './internal/best-f1-on-grid.ts';
import { prepareTwoClass } from './internal/prepare-two-class.ts';
import { defaultF1Grid } from './default-f1-grid.ts';
import type { StatsProblem } from './types.ts';

/**
 * The grid threshold with the highest F1 among those whose precision is >= minPrecision
 * (positive when score >= threshold; the first grid value wins ties). This is the
 * `find_optimal_thresholds_with_precision_constraint` rule of seed document 000, section 2.5.3
 * (grid 0.10-0.85 step 0.05, minimum precision 0.30 by default).
 *
 * Returns NaN with a reason in `problems` when no grid threshold reaches the precision floor, or
 * when the label has no positives or no negatives.
 * Cost: O(N log N + G log N) for a grid of G thresholds.
 * @throws StatsArgumentError for bad yTrue/yScore (see rocAuc), minPrecision outside [0, 1], or
 *   an empty / non-finite grid.
 * @example f1ThresholdWithMinPrecision([0, 0, 1, 1, 0], [0.2, 0.6, 0.7, 0.9, 0.1], 0.3) // 0.65
 */
export function f1ThresholdWithMinPrecision(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  minPrecision = 0.3,
  grid: ArrayLike<number> = defaultF1Grid(),
  problems?: StatsProblem[],
): number {
  const fn = 'f1ThresholdWithMinPrecision';
  checkUnitInterval(fn, 'minPrecision', minPrecision);
  checkGrid(fn, grid);
  const classes = prepareTwoClass(fn, yTrue, yScore, problems);
  if (!classes) return Number.NaN;
  const best = bestF1OnGrid(classes.pos, classes.neg, minPrecision, grid);
  if (Number.isNaN(best.threshold)) {
    problems?.push({ fn, reason: `no grid threshold reaches precision >= ${minPrecision}` });
  }
  return best.threshold;
}
