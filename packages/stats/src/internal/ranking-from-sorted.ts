/**
 * AUC-ROC and average precision from class-wise ascending score arrays, in one walk over the
 * distinct thresholds from the highest down. Both arrays must be non-empty. O(P + N).
 *
 * AUC: each positive scores 1 per negative strictly below it and 1/2 per tied negative (the
 * Mann-Whitney U / (P N)). AP: sum over distinct thresholds of (R_n - R_{n-1}) P_n, where recall
 * and precision count every sample with score >= threshold as positive.
 */
export function rankingFromSorted(pos: Float64Array, neg: Float64Array): { auc: number; ap: number } {
  const P = pos.length;
  const N = neg.length;
  let i = P - 1;
  let j = N - 1;
  let tp = 0;
  let fp = 0;
  let pairs = 0; // U statistic x 2, kept integral so it stays exact up to 2^53
  let apSum = 0;
  while (i >= 0 || j >= 0) {
    const t = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    let dp = 0;
    while (i >= 0 && pos[i] === t) {
      i--;
      dp++;
    }
    let dn = 0;
    while (j >= 0 && neg[j] === t) {
      j--;
      dn++;
    }
    tp += dp;
    fp += dn;
    if (dp > 0) {
      // negatives strictly below t are j + 1
      pairs += dp * (2 * (j + 1) + dn);
      apSum += (dp * tp) / (tp + fp);
    }
  }
  return { auc: pairs / (2 * P * N), ap: apSum / P };
}
