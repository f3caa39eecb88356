import { DataArgumentError } from '../../errors.ts';
import type { Rng } from '../../random/index.ts';
import { checkRatios, distributeEvidence, type EvidenceExample } from './distribute-evidence.ts';

/** One unit to place (a patient): its size and its positives per label. */
export interface StratificationExample {
  /** Size counted against the subset ratios (images of the patient). */
  weight: number;
  /** Positive images per label; the example carries label l when positives[l] > 0. */
  positives: ArrayLike<number>;
}

/**
 * Iterative stratification for multi-label data (Sechidis, Tsoumakas & Vlahavas 2011; described in
 * 001, section 2.2.3), weighted so that a patient counts with all its images: repeatedly take the
 * label with the fewest unplaced examples and give each of them to the subset that most lacks that
 * label (ties: the subset lacking the most overall, then random); examples without labels go to the
 * subset lacking the most overall. One addition to the paper: while a subset (with a ratio > 0) has
 * no example of the label yet, it is preferred, so a label with at least as many examples as
 * subsets appears in every subset, which per-split AUC needs. The loop is distributeEvidence's
 * with the labels as its one tier of keys.
 *
 * Cost: O(labels x (labels + examples + positives)) plus a shuffle per label.
 * Throws DataArgumentError when ratios are not non-negative with a positive sum, or examples
 * disagree on the number of labels.
 *
 * @example iterativeStratification([{ weight: 1, positives: [1] }, { weight: 1, positives: [0] }], [0.5, 0.5], createRng(1, 'split')) // Int32Array [0, 1] or [1, 0]
 */
export function iterativeStratification(examples: StratificationExample[], ratios: number[], rng: Rng): Int32Array {
  const fn = 'iterativeStratification';
  checkRatios(fn, ratios);
  const k = labelCountOf(fn, examples);
  const labels = Array.from({ length: k }, (_, l) => l);
  return distributeEvidence(fn, examples.map(labelEvidence), k, [labels], ratios, rng);
}

/** The example's labels as evidence keys 0..k-1 with their positive counts. */
export function labelEvidence(e: StratificationExample): EvidenceExample {
  const keys: number[] = [];
  const amounts: number[] = [];
  for (let l = 0; l < e.positives.length; l++) {
    if (e.positives[l]! > 0) {
      keys.push(l);
      amounts.push(e.positives[l]!);
    }
  }
  return { weight: e.weight, keys, amounts };
}

/** The examples' common number of labels (0 for none); throws DataArgumentError naming the first that differs. */
export function labelCountOf(fn: string, examples: readonly StratificationExample[]): number {
  const k = examples.length > 0 ? examples[0]!.positives.length : 0;
  examples.forEach((e, i) => {
    if (e.positives.length !== k)
      throw new DataArgumentError(fn, `examples[${i}].positives`, `length ${k} like examples[0]`, e.positives.length);
  });
  return k;
}
