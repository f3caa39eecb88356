/** One label's column of a stored prediction set, with the images whose truth is unknown left out. */
import type { PredictionSet } from '@cxr/results';

/** A label's truth (0/1) and probability over the images where its truth is known. */
export interface KnownColumn {
  truth: Float64Array;
  prob: Float64Array;
  /** Images left out because their truth code was neither 0 nor 1 (uncertain -1, NaN ...). */
  unknown: number;
  positives: number;
}

/**
 * Column `k` of `set` restricted to images whose truth is exactly 0 or 1: an uncertain or missing
 * code says nothing about whether the finding is there, so it cannot count as either class.
 *
 * @example knownColumn({ rows: 3, cols: 1, labels: [1, -1, 0], probabilities: [0.9, 0.5, 0.2], ... }, 0)
 *   // { truth: [1, 0], prob: [0.9, 0.2], unknown: 1, positives: 1 }
 */
export function knownColumn(set: Pick<PredictionSet, 'rows' | 'cols' | 'labels' | 'probabilities'>, k: number): KnownColumn {
  const truth: number[] = [];
  const prob: number[] = [];
  let positives = 0;
  for (let n = 0; n < set.rows; n++) {
    const y = set.labels[n * set.cols + k]!;
    if (y !== 0 && y !== 1) continue;
    truth.push(y);
    prob.push(set.probabilities[n * set.cols + k]!);
    positives += y;
  }
  return { truth: Float64Array.from(truth), prob: Float64Array.from(prob), unknown: set.rows - truth.length, positives };
}
