/**
 * Visits every distinct threshold from the highest score down, with the cumulative counts of
 * positives (tp) and negatives (fp) scoring >= it - the points of scikit-learn's
 * `roc_curve(drop_intermediate=False)` after its leading +inf. `visit` returns false to stop.
 * Arrays are class-wise ascending scores (see scoresByClass). O(P + N).
 */
export function walkThresholds(pos: Float64Array, neg: Float64Array, visit: (threshold: number, tp: number, fp: number) => boolean): void {
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const t = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i] === t) {
      i--;
      tp++;
    }
    while (j >= 0 && neg[j] === t) {
      j--;
      fp++;
    }
    if (!visit(t, tp, fp)) return;
  }
}
