import { checkBinaryInput } from './internal/check-binary-input.ts';
import { checkProbabilities } from './internal/check-probabilities.ts';
import { checkBinCount, equalWidthBin } from './internal/equal-width-bin.ts';

/** One bin of a probability histogram: the share of each class's images falling in [lo, hi). */
export interface HistogramBin {
  lo: number;
  hi: number;
  /** Fraction of the positives in this bin (the positives' bins sum to 1; all 0 without positives). */
  positives: number;
  /** Fraction of the negatives in this bin (likewise). */
  negatives: number;
}

/**
 * Histogram of predicted probabilities for positives and negatives separately (thesis Figure 5),
 * as relative frequencies within each class so a rare label's positives stay visible. Bins are
 * equal-width on [0, 1] like expectedCalibrationError's (bin i = [i/B, (i+1)/B), last closed).
 * A class with no member gives zeros in every bin.
 *
 * Cost: O(N + B).
 * @throws StatsArgumentError if lengths differ or are 0, yTrue holds anything but 0/1, a
 *   probability lies outside [0, 1], or bins is not an integer >= 1.
 * @example probabilityHistogram([0, 1, 1], [0.1, 0.9, 0.7], 2) // [{ lo: 0, hi: 0.5, positives: 0, negatives: 1 }, { lo: 0.5, hi: 1, positives: 1, negatives: 0 }]
 */
export function probabilityHistogram(yTrue: ArrayLike<number>, yProb: ArrayLike<number>, bins = 20): HistogramBin[] {
  const fn = 'probabilityHistogram';
  const positives = checkBinaryInput(fn, yTrue, yProb, 'yProb');
  checkProbabilities(fn, yProb);
  const B = checkBinCount(fn, 'bins', bins);
  const pos = new Float64Array(B);
  const neg = new Float64Array(B);
  for (let i = 0; i < yTrue.length; i++) {
    const k = equalWidthBin(yProb[i]!, B);
    if (yTrue[i] === 1) pos[k]++;
    else neg[k]++;
  }
  const negatives = yTrue.length - positives;
  return Array.from({ length: B }, (_, k) => ({
    lo: k / B,
    hi: (k + 1) / B,
    positives: positives > 0 ? pos[k]! / positives : 0,
    negatives: negatives > 0 ? neg[k]! / negatives : 0,
  }));
}
