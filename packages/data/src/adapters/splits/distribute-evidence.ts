import { DataArgumentError } from '../../errors.ts';
import type { Rng } from '../../random/index.ts';

/**
 * One unit to place (a patient) described by its evidence: the keys it carries (a label, a label
 * pair) and how much of each it brings (positive images). Keys are integers in [0, keyCount).
 */
export interface EvidenceExample {
  /** Size counted against the subset ratios (images of the patient). */
  weight: number;
  /** Keys carried, each once. */
  keys: ArrayLike<number>;
  /** Amount per key, same order as `keys`, each > 0. */
  amounts: ArrayLike<number>;
}

/**
 * The loop shared by first- and second-order iterative stratification (Sechidis et al. 2011;
 * Szymanski & Kajdanowicz 2017): tier by tier, repeatedly take the key of the tier with the fewest
 * unplaced examples and give each of them (in a random order) to the subset that most lacks that
 * key (ties: the subset lacking the most overall, then random); then examples without keys go to
 * the subset lacking the most overall. While a subset (with a ratio > 0) has no example of the key
 * yet, it is preferred, so a key with at least as many examples as subsets reaches every subset.
 * Placing an example lowers the need of its subset for every key it carries, of every tier.
 *
 * Cost: O(tiers' keys x (keys + examples per key)) plus a shuffle per key.
 * Throws DataArgumentError (named after `fn`) when ratios are not non-negative with a positive sum.
 *
 * @example distributeEvidence('f', [{ weight: 1, keys: [0], amounts: [1] }, { weight: 1, keys: [], amounts: [] }], 1, [[0]], [0.5, 0.5], createRng(1, 'split')) // Int32Array [0, 1] or [1, 0]
 */
export function distributeEvidence(
  fn: string,
  examples: readonly EvidenceExample[],
  keyCount: number,
  tiers: readonly (readonly number[])[],
  ratios: readonly number[],
  rng: Rng,
): Int32Array {
  checkRatios(fn, ratios);
  const n = examples.length;
  const totalRatio = ratios.reduce((a, b) => a + b, 0);
  const open = ratios.map((_, s) => s).filter((s) => ratios[s]! > 0);
  let totalWeight = 0;
  const keyTotals = new Float64Array(keyCount);
  const byKey: number[][] = Array.from({ length: keyCount }, () => []);
  examples.forEach((e, i) => {
    totalWeight += e.weight;
    for (let j = 0; j < e.keys.length; j++) {
      keyTotals[e.keys[j]!]! += e.amounts[j]!;
      byKey[e.keys[j]!]!.push(i);
    }
  });
  const left = Int32Array.from(byKey, (list) => list.length);
  const desired = ratios.map((r) => (r / totalRatio) * totalWeight);
  const desiredKey = ratios.map((r) => Array.from(keyTotals, (t) => (r / totalRatio) * t));
  const received = ratios.map(() => new Int32Array(keyCount));
  const assigned = new Int32Array(n).fill(-1);

  const place = (i: number, s: number): void => {
    assigned[i] = s;
    const e = examples[i]!;
    desired[s]! -= e.weight;
    for (let j = 0; j < e.keys.length; j++) {
      const key = e.keys[j]!;
      desiredKey[s]![key]! -= e.amounts[j]!;
      received[s]![key]!++;
      left[key]!--;
    }
  };
  /** The best of `pool` by `need` then by overall need, ties broken at random. */
  const choose = (pool: number[], need: (s: number) => number): number => {
    let best: number[] = [];
    let bestNeed = -Infinity;
    let bestOverall = -Infinity;
    for (const s of pool) {
      const a = need(s);
      const b = desired[s]!;
      if (a > bestNeed || (a === bestNeed && b > bestOverall)) {
        best = [s];
        bestNeed = a;
        bestOverall = b;
      } else if (a === bestNeed && b === bestOverall) {
        best.push(s);
      }
    }
    return best.length === 1 ? best[0]! : best[rng.int(best.length)]!;
  };

  for (const tier of tiers) {
    for (;;) {
      let key = -1;
      let fewest = Infinity;
      for (const k of tier) {
        if (left[k]! > 0 && left[k]! < fewest) {
          fewest = left[k]!;
          key = k;
        }
      }
      if (key === -1) break;
      const todo = rng.shuffle(byKey[key]!.filter((i) => assigned[i] === -1));
      for (const i of todo) {
        const lacking = open.filter((s) => received[s]![key] === 0);
        place(
          i,
          choose(lacking.length > 0 ? lacking : open, (s) => desiredKey[s]![key]!),
        );
      }
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

/** Throws DataArgumentError(fn, 'ratios') unless ratios are non-negative finite numbers with a positive sum. */
export function checkRatios(fn: string, ratios: readonly number[]): void {
  if (ratios.length === 0 || ratios.some((r) => !(r >= 0) || !Number.isFinite(r)) || !(ratios.reduce((a, b) => a + b, 0) > 0)) {
    throw new DataArgumentError(fn, 'ratios', 'non-negative finite numbers with a positive sum', ratios);
  }
}
