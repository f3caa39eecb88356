/**
 * Label pairs (a, b) with a < b of k labels, numbered row by row: (0,1), (0,2), ..., (0,k-1),
 * (1,2), ... - the order second-order stratification and the label-pair distribution use.
 */

/** Number of label pairs of k labels: k(k-1)/2 (0 below two labels). @example labelPairCount(4) // 6 */
export function labelPairCount(k: number): number {
  return k < 2 ? 0 : (k * (k - 1)) / 2;
}

/** Index of the pair (a, b), a < b < k, in the row-by-row numbering. @example labelPairIndex(1, 3, 4) // 4 */
export function labelPairIndex(a: number, b: number, k: number): number {
  return (a * (2 * k - a - 1)) / 2 + (b - a - 1);
}

/**
 * Images per label pair of a group of label vectors: out[labelPairIndex(a, b, k)] counts the
 * vectors positive (=== 1) on both a and b. Cost O(vectors x positives^2).
 * @example pairPositives([[1, 1, 0], [1, 1, 1]], 3) // Float64Array [2, 1, 1]
 */
export function pairPositives(vectors: readonly ArrayLike<number>[], k: number): Float64Array {
  const out = new Float64Array(labelPairCount(k));
  const on: number[] = [];
  for (const v of vectors) {
    on.length = 0;
    for (let l = 0; l < k; l++) if (v[l] === 1) on.push(l);
    for (let x = 0; x < on.length; x++) for (let y = x + 1; y < on.length; y++) out[labelPairIndex(on[x]!, on[y]!, k)]!++;
  }
  return out;
}
