import { DataArgumentError } from '../../errors.ts';
import { labelPairCount, pairPositives } from './label-pairs.ts';

/**
 * Label Distribution (LD; Sechidis, Tsoumakas & Vlahavas 2011): how far each subset's ratio of
 * positive to negative examples of a label is from the whole set's, averaged over subsets and labels:
 * LD = mean over labels i of mean over subsets j of |S_j^i / (|S_j| - S_j^i) - D^i / (|D| - D^i)|,
 * where S_j^i counts the vectors of subset j positive (=== 1) on label i and D is the union of the
 * subsets. Averaged over the labels with at least one positive in D (0 when there are none). 0 is a
 * perfect stratification; Infinity when a subset is all positive on a label that D is not.
 *
 * Cost O(vectors x labels). Throws DataArgumentError for no or an empty subset, an index outside
 * `labels`, or vectors of different lengths.
 * @example labelDistribution([[1], [0], [1], [0], [1], [0], [0], [0]], [[0, 1, 2, 3], [4, 5, 6, 7]]) // 0.3333: (|2/2 - 3/5| + |1/3 - 3/5|) / 2
 */
export function labelDistribution(labels: readonly ArrayLike<number>[], subsets: readonly number[][]): number {
  const fn = 'labelDistribution';
  const k = checkSubsets(fn, labels, subsets);
  return evidenceDistribution(subsets, k, (i) => {
    const v = labels[i]!;
    return Array.from({ length: k }, (_, l) => (v[l] === 1 ? 1 : 0));
  });
}

/**
 * Label Pair Distribution (LPD; Szymanski & Kajdanowicz 2017, "A network perspective on
 * stratification of multi-label data"): LD taken over label pairs instead of labels - a vector is
 * positive on the pair (a, b) when it is positive (=== 1) on both - averaged over the pairs that
 * occur at least once in the union of the subsets. Measures how well a split keeps co-occurrence.
 *
 * Cost O(vectors x positives^2 + vectors x pairs). Throws like labelDistribution.
 * @example labelPairDistribution([[1, 1], [1, 1], [0, 0], [1, 1], [0, 0], [0, 0]], [[0, 2, 4], [1, 3, 5]]) // 0.75: (|1/2 - 3/3| + |2/1 - 3/3|) / 2
 */
export function labelPairDistribution(labels: readonly ArrayLike<number>[], subsets: readonly number[][]): number {
  const k = checkSubsets('labelPairDistribution', labels, subsets);
  return evidenceDistribution(subsets, labelPairCount(k), (i) => pairPositives([labels[i]!], k));
}

function evidenceDistribution(subsets: readonly number[][], keys: number, evidence: (i: number) => ArrayLike<number>): number {
  const perSubset = subsets.map((idx) => {
    const pos = new Float64Array(keys);
    for (const i of idx) {
      const e = evidence(i);
      for (let q = 0; q < keys; q++) pos[q]! += e[q]!;
    }
    return pos;
  });
  const total = subsets.reduce((a, s) => a + s.length, 0);
  let sum = 0;
  let present = 0;
  for (let q = 0; q < keys; q++) {
    const d = perSubset.reduce((a, p) => a + p[q]!, 0);
    if (d === 0) continue;
    present++;
    const whole = d / (total - d);
    let dev = 0;
    subsets.forEach((idx, j) => {
      const s = perSubset[j]![q]!;
      dev += Math.abs(s / (idx.length - s) - whole);
    });
    sum += dev / subsets.length;
  }
  return present === 0 ? 0 : sum / present;
}

/** Validates subsets against the vectors; returns the number of labels. */
function checkSubsets(fn: string, labels: readonly ArrayLike<number>[], subsets: readonly number[][]): number {
  if (!Array.isArray(subsets) || subsets.length === 0)
    throw new DataArgumentError(fn, 'subsets', 'a non-empty array of index lists', subsets);
  const k = labels.length > 0 ? labels[0]!.length : 0;
  subsets.forEach((idx, j) => {
    if (idx.length === 0) throw new DataArgumentError(fn, `subsets[${j}]`, 'a non-empty index list', idx);
    for (const i of idx) {
      if (!Number.isInteger(i) || i < 0 || i >= labels.length)
        throw new DataArgumentError(fn, `subsets[${j}]`, `indices in [0, ${labels.length})`, i);
      if (labels[i]!.length !== k) throw new DataArgumentError(fn, `labels[${i}]`, `length ${k} like labels[0]`, labels[i]!.length);
    }
  });
  return k;
}
