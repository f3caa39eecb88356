import { StatsArgumentError } from './errors.ts';
import { checkBinaryInput } from './internal/check-binary-input.ts';
import type { Confusion } from './types.ts';

/**
 * Confusion counts of one label at a threshold; a sample is predicted positive when
 * score >= threshold (so `Infinity` predicts nothing positive, `-Infinity` everything).
 *
 * Same as scikit-learn's `confusion_matrix(yTrue, yScore >= threshold).ravel()` read as
 * (tn, fp, fn, tp).
 *
 * Cost: O(N).
 * @throws StatsArgumentError for bad yTrue/yScore (see rocAuc) or a NaN threshold.
 * @example confusionAt([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.35) // { tp: 2, fp: 1, tn: 1, fn: 0 }
 */
export function confusionAt(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold: number): Confusion {
  checkBinaryInput('confusionAt', yTrue, yScore);
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new StatsArgumentError('confusionAt', 'threshold', 'a number (may be +-Infinity)', threshold);
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const predicted = yScore[i]! >= threshold;
    if (yTrue[i] === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}
