import { DataArgumentError } from '../../errors.ts';
import type { Rng } from '../../random/index.ts';
import { checkRatios, distributeEvidence, type EvidenceExample } from './distribute-evidence.ts';
import { labelCountOf, labelEvidence, type StratificationExample } from './iterative-stratification.ts';
import { labelPairCount } from './label-pairs.ts';

/** One unit to place (a patient) for second-order stratification: its labels and its label pairs. */
export interface PairStratificationExample extends StratificationExample {
  /**
   * Images positive on both labels of a pair, per pair in labelPairIndex order (length k(k-1)/2);
   * the example carries the pair when the count is > 0. See pairPositives.
   */
  pairs: ArrayLike<number>;
}

/**
 * Second-order iterative stratification (Szymanski & Kajdanowicz 2017, "A network perspective on
 * stratification of multi-label data", arXiv:1704.08756; described in 001, section 2.2.3): first
 * the label pairs that co-occur on an image are distributed as iterativeStratification distributes
 * labels - the pair with the fewest unplaced examples first, each of its examples to the subset that
 * most lacks that pair (ties: most lacking overall, then random) - then the labels whose examples
 * are still unplaced, then the examples without labels. Placing an example lowers its subset's need
 * for each of its pairs and labels, so the label counts stay balanced while pairs are placed. Like
 * iterativeStratification, an example weighs its images and a subset with no example of the current
 * pair or label is preferred. Keeps co-occurrence structure (label-pair proportions, measured by
 * labelPairDistribution) closer across subsets than first-order stratification.
 *
 * Cost: O((pairs + labels) x (pairs + labels + examples per key)) plus a shuffle per key.
 * Throws DataArgumentError when ratios are not non-negative with a positive sum, or examples
 * disagree on the number of labels, or an example's pairs do not have k(k-1)/2 entries.
 *
 * @example secondOrderStratification([{ weight: 1, positives: [1, 1], pairs: [1] }, { weight: 1, positives: [0, 0], pairs: [0] }], [0.5, 0.5], createRng(1, 'split')) // Int32Array [0, 1] or [1, 0]
 */
export function secondOrderStratification(examples: PairStratificationExample[], ratios: number[], rng: Rng): Int32Array {
  const fn = 'secondOrderStratification';
  checkRatios(fn, ratios);
  const k = labelCountOf(fn, examples);
  const p = labelPairCount(k);
  examples.forEach((e, i) => {
    if (e.pairs.length !== p)
      throw new DataArgumentError(fn, `examples[${i}].pairs`, `length ${p} (label pairs of ${k} labels)`, e.pairs.length);
  });
  // keys 0..p-1 are the pairs, p..p+k-1 the labels
  const evidence = examples.map((e): EvidenceExample => {
    const labels = labelEvidence(e);
    const keys: number[] = [];
    const amounts: number[] = [];
    for (let q = 0; q < p; q++) {
      if (e.pairs[q]! > 0) {
        keys.push(q);
        amounts.push(e.pairs[q]!);
      }
    }
    for (let j = 0; j < labels.keys.length; j++) {
      keys.push(p + labels.keys[j]!);
      amounts.push(labels.amounts[j]!);
    }
    return { weight: e.weight, keys, amounts };
  });
  const tiers = [Array.from({ length: p }, (_, q) => q), Array.from({ length: k }, (_, l) => p + l)];
  return distributeEvidence(fn, evidence, p + k, tiers, ratios, rng);
}
