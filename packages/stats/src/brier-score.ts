import { detail } from '@cxr/core';
import { StatsArgumentError } from './errors.ts';
import { checkBinaryInput } from './internal/check-binary-input.ts';

/**
 * Brier score: mean squared difference between predicted probabilities and 0/1 outcomes; 0 is
 * perfect, lower is better. Over a flattened N x K matrix this is thesis eq. 19.
 *
 * Same as scikit-learn's `brier_score_loss(yTrue, yProb)`. Defined for any class balance.
 *
 * Cost: O(N).
 * @throws StatsArgumentError if lengths differ or are 0, yTrue holds anything but 0/1, or a
 *   probability lies outside [0, 1].
 * @example brierScore([0, 1, 1], [0.1, 0.9, 0.6]) // 0.06
 */
export function brierScore(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): number {
  checkBinaryInput('brierScore', yTrue, yProb, 'yProb');
  let sum = 0;
  let outside = -1;
  for (let i = 0; i < yTrue.length; i++) {
    const p = yProb[i]!;
    if (p < 0 || p > 1) {
      outside = i;
      break;
    }
    const d = p - yTrue[i]!;
    sum += d * d;
  }
  if (outside >= 0) {
    throw new StatsArgumentError('brierScore', 'yProb', 'probabilities in [0, 1]', detail(`${yProb[outside]} at index ${outside}`));
  }
  return sum / yTrue.length;
}
