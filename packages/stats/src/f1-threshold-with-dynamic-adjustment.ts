import { StatsArgumentError } from './errors.ts';
import { checkGrid } from './internal/check-grid.ts';
import { checkUnitInterval } from './internal/check-target.ts';
import { bestF1OnGrid } from './internal/best-f1-on-grid.ts';
import { prepareTwoClass } from './internal/prepare-two-class.ts';
import { defaultF1Grid } from './default-f1-grid.ts';
import type { StatsProblem } from './types.ts';

/** Options of f1ThresholdWithDynamicAdjustment (defaults from seed document 000, section 2.5.3). */
export interface DynamicAdjustmentOptions {
  /** Candidate thresholds, scanned in order (default 0.10-0.85 step 0.05). */
  grid?: ArrayLike<number>;
  /** When the best F1 is below this, the threshold is lowered (default 0.30). */
  minF1?: number;
  /** How far the threshold is lowered (default 0.05). */
  adjustment?: number;
}

/**
 * f1ThresholdWithMinPrecision, then - if the best F1 found is still below `minF1` - the threshold
 * lowered by `adjustment` to buy recall on hard labels: the
 * `find_optimal_thresholds_with_dynamic_adjustment` rule of seed document 000, section 2.5.3.
 * The lowered value is rounded to 12 decimals (0.35 - 0.05 gives 0.3, not 0.29999999999999993)
 * and is not clamped at the grid's lower end.
 *
 * Returns NaN with a reason in `problems` when no grid threshold reaches the precision floor or
 * the label has no positives or no negatives (the seed code fell back to a default there; we do
 * not invent one).
 * Cost: O(N log N + G log N).
 * @throws StatsArgumentError for bad yTrue/yScore (see rocAuc), minPrecision or minF1 outside
 *   [0, 1], a negative or non-finite adjustment, or an empty / non-finite grid.
 * @example f1ThresholdWithDynamicAdjustment([0, 0, 1, 0, 0, 0, 0, 0], [0.1, 0.2, 0.3, 0.35, 0.5, 0.6, 0.7, 0.8], 0.1) // 0.2 (best F1 0.29 at 0.25, lowered)
 */
export function f1ThresholdWithDynamicAdjustment(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  minPrecision = 0.3,
  options: DynamicAdjustmentOptions = {},
  problems?: StatsProblem[],
): number {
  const fn = 'f1ThresholdWithDynamicAdjustment';
  const { grid = defaultF1Grid(), minF1 = 0.3, adjustment = 0.05 } = options;
  checkUnitInterval(fn, 'minPrecision', minPrecision);
  checkUnitInterval(fn, 'options.minF1', minF1);
  if (typeof adjustment !== 'number' || !(adjustment >= 0) || !Number.isFinite(adjustment)) {
    throw new StatsArgumentError(fn, 'options.adjustment', 'a finite number >= 0', adjustment);
  }
  checkGrid(fn, grid);
  const classes = prepareTwoClass(fn, yTrue, yScore, problems);
  if (!classes) return Number.NaN;
  const best = bestF1OnGrid(classes.pos, classes.neg, minPrecision, grid);
  if (Number.isNaN(best.threshold)) {
    problems?.push({ fn, reason: `no grid threshold reaches precision >= ${minPrecision}` });
    return Number.NaN;
  }
  if (best.f1 >= minF1) return best.threshold;
  return Math.round((best.threshold - adjustment) * 1e12) / 1e12;
}
