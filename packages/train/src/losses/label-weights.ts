import { TrainArgumentError } from '../errors.ts';
import type { LabelCounts } from './label-counts.ts';

/**
 * Per-label weights inversely proportional to prevalence, normalised to mean 1 (thesis eq. 24):
 * w_i ∝ 1/π_i with (1/K) Σ w_i = 1. A label with no positives is treated as having one, so its
 * weight stays finite (it is large, as the rarest label's should be).
 *
 * @throws TrainArgumentError when a label has no counted examples.
 * @example inversePrevalenceWeights({positives: [1, 3], totals: [4, 4]}) // [1.5, 0.5]
 */
export function inversePrevalenceWeights(counts: LabelCounts): Float32Array {
  const raw = counts.positives.map((p, i) => {
    const total = counts.totals[i]!;
    if (!(total > 0)) throw new TrainArgumentError('inversePrevalenceWeights', `counts.totals[${i}]`, 'a count > 0', total);
    return total / Math.max(p, 1);
  });
  return normaliseMeanOne(raw);
}

/**
 * Positive-class weights as in PyTorch's `BCEWithLogitsLoss(pos_weight=...)`: neg_i / pos_i (a
 * label with no positives counts one).
 *
 * @example positiveClassWeights({positives: [1, 3], totals: [4, 4]}) // [3, 0.3333]
 */
export function positiveClassWeights(counts: LabelCounts): Float32Array {
  return Float32Array.from(counts.positives.map((p, i) => (counts.totals[i]! - p) / Math.max(p, 1)));
}

/**
 * Class-balanced weights from the effective number of samples (Cui et al. 2019; thesis eq. 26):
 * α_i = (1 - β) / (1 - β^{n_i}) with n_i the positives of label i (at least 1), normalised to mean
 * 1 so the loss keeps the scale of the unweighted one.
 *
 * @throws TrainArgumentError when beta is outside [0, 1).
 * @example classBalancedWeights({positives: [1, 3], totals: [4, 4]}, 0.5) // [1.2727, 0.7273]
 */
export function classBalancedWeights(counts: LabelCounts, beta: number): Float32Array {
  if (!(beta >= 0 && beta < 1)) throw new TrainArgumentError('classBalancedWeights', 'beta', 'a number in [0, 1)', beta);
  return normaliseMeanOne(counts.positives.map((p) => (1 - beta) / (1 - Math.pow(beta, Math.max(p, 1)))));
}

function normaliseMeanOne(raw: number[]): Float32Array {
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return Float32Array.from(raw.map((w) => w / mean));
}
