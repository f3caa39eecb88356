import { checkBinaryInput } from './internal/check-binary-input.ts';
import { checkProbabilities } from './internal/check-probabilities.ts';
import { checkBinCount, equalWidthBin } from './internal/equal-width-bin.ts';

/** One equal-width bin of a reliability diagram. */
export interface CalibrationBin {
  /** Bin edges: [lo, hi), the last bin closed on the right. */
  lo: number;
  hi: number;
  count: number;
  /** Mean predicted probability in the bin; NaN for an empty bin. */
  meanPredicted: number;
  /** Fraction of positives in the bin; NaN for an empty bin. */
  observed: number;
}

/** Result of expectedCalibrationError: the ECE and every bin (empty ones included). */
export interface CalibrationResult {
  ece: number;
  bins: CalibrationBin[];
}

/**
 * Expected calibration error of one label with B equal-width bins (bin i = [i/B, (i+1)/B), the
 * last closed on the right): ECE = sum over non-empty bins of count/N x |observed - meanPredicted|
 * (Naeini et al. 2015; Guo et al. 2017, eq. 3). The bins are the points of the reliability
 * diagram; the non-empty ones equal scikit-learn's `calibration_curve(yTrue, yProb, n_bins=B)`
 * (prob_true = observed, prob_pred = meanPredicted) except for a probability exactly on an inner
 * edge, which scikit-learn 1.2 puts in the bin below and this in the bin above (as np.histogram).
 * Defined for any class balance.
 *
 * Cost: O(N + B).
 * @throws StatsArgumentError if lengths differ or are 0, yTrue holds anything but 0/1, a
 *   probability lies outside [0, 1], or bins is not an integer >= 1.
 * @example expectedCalibrationError([0, 1, 1, 0], [0.1, 0.9, 0.6, 0.4], { bins: 2 }).ece // 0.25
 */
export function expectedCalibrationError(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  options: { bins?: number } = {},
): CalibrationResult {
  const fn = 'expectedCalibrationError';
  checkBinaryInput(fn, yTrue, yProb, 'yProb');
  checkProbabilities(fn, yProb);
  const B = checkBinCount(fn, 'options.bins', options.bins ?? 15);
  const count = new Float64Array(B);
  const sumP = new Float64Array(B);
  const sumY = new Float64Array(B);
  for (let i = 0; i < yTrue.length; i++) {
    const p = yProb[i]!;
    const k = equalWidthBin(p, B);
    count[k]++;
    sumP[k] += p;
    sumY[k] += yTrue[i]!;
  }
  const n = yTrue.length;
  let ece = 0;
  const bins: CalibrationBin[] = [];
  for (let k = 0; k < B; k++) {
    const c = count[k]!;
    const meanPredicted = c > 0 ? sumP[k]! / c : Number.NaN;
    const observed = c > 0 ? sumY[k]! / c : Number.NaN;
    if (c > 0) ece += (c / n) * Math.abs(observed - meanPredicted);
    bins.push({ lo: k / B, hi: (k + 1) / B, count: c, meanPredicted, observed });
  }
  return { ece, bins };
}
