import { checkBinaryInput } from './internal/check-binary-input.ts';
import { checkProbabilities } from './internal/check-probabilities.ts';

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
  checkProbabilities('brierScore', yProb);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yProb[i]! - yTrue[i]!;
    sum += d * d;
  }
  return sum / yTrue.length;
}
