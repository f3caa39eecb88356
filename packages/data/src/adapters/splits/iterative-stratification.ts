import { DataArgumentError } from '../../errors.ts';
import type { Rng } from '../../random/index.ts';

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
 * subsets appears in every subset, which per-split AUC needs.
 *
 * Cost: O(labels x (examples + positives)) plus a shuffle per label.
 * Throws DataArgumentError when ratios are not non-negative with a positive sum, or examples
 * disagree on the number of labels.
 *
 * @example iterativeStratification([{ weight: 1, positives: [1] }, { weight: 1, positives: [0] }], [0.5, 0.5], createRng(1, 'split')) // Int32Array [0, 1] or [1, 0]
 */
export function iterativeStratification(examples: StratificationExample[], ratios: number[], rng: Rng): Int32Array {
  const fn = 'iterativeStratification';
  if (ratios.length === 0 || ratios.some((r) => !(r >= 0) || !Number.isFinite(r)) || !(ratios.reduce((a, b) => a + b, 0) > 0)) {
    throw new DataArgumentError(fn, 'ratios', 'non-negative finite numbers with a positive sum', ratios);
  }
  const n = examples.length;
  const k = n > 0 ? examples[0]!.positives.length : 0;
  const totalRatio = ratios.reduce((a, b) => a + b, 0);
  const open = ratios.map((_, s) => s).filter((s) => ratios[s]! > 0);
  let totalWeight = 0;
  const labelTotals = new Float64Array(k);
  const byLabel: number[][] = Array.from({ length: k }, () => []);
  examples.forEach((e, i) => {
    if (e.positives.length !== k)
      throw new DataArgumentError(fn, `examples[${i}].positives`, `length ${k} like examples[0]`, e.positives.length);
    totalWeight += e.weight;
    for (let l = 0; l < k; l++) {
      if (e.positives[l]! > 0) {
        labelTotals[l] += e.positives[l]!;
        byLabel[l]!.push(i);
      }
    }
  });
  const desired = ratios.map((r) => (r / totalRatio) * totalWeight);
  const desiredLabel = ratios.map((r) => Array.from(labelTotals, (t) => (r / totalRatio) * t));
  const received = ratios.map(() => new Int32Array(k));
  const assigned = new Int32Array(n).fill(-1);

  const place = (i: number, s: number): void => {
    assigned[i] = s;
    const e = examples[i]!;
    desired[s]! -= e.weight;
    for (let l = 0; l < k; l++) {
      if (e.positives[l]! > 0) {
        desiredLabel[s]![l]! -= e.positives[l]!;
        received[s]![l]!++;
      }
    }
  };
  /** The best of `pool` by `key` then by overall need, ties broken at random. */
  const choose = (pool: number[], key: (s: number) => number): number => {
    let best: number[] = [];
    let bestKey = -Infinity;
    let bestNeed = -Infinity;
    for (const s of pool) {
      const a = key(s);
      const b = desired[s]!;
      if (a > bestKey || (a === bestKey && b > bestNeed)) {
        best = [s];
        bestKey = a;
        bestNeed = b;
      } else if (a === bestKey && b === bestNeed) {
        best.push(s);
      }
    }
    return best.length === 1 ? best[0]! : best[rng.int(best.length)]!;
  };

  for (;;) {
    let label = -1;
    let fewest = Infinity;
    for (let l = 0; l < k; l++) {
      let left = 0;
      for (const i of byLabel[l]!) if (assigned[i] === -1) left++;
      if (left > 0 && left < fewest) {
        fewest = left;
        label = l;
      }
    }
    if (label === -1) break;
    const todo = rng.shuffle(byLabel[label]!.filter((i) => assigned[i] === -1));
    for (const i of todo) {
      const lacking = open.filter((s) => received[s]![label] === 0);
      place(
        i,
        choose(lacking.length > 0 ? lacking : open, (s) => desiredLabel[s]![label]!),
      );
    }
  }
  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (assigned[i] === -1) rest.push(i);
  for (const i of rng.shuffle(rest))
    place(
      i,
      choose(open, () => 0),
    );
  return assigned;
}
