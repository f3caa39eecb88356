import { TrainArgumentError } from '../errors.ts';

/** Per-label positive counts and counted (unmasked) examples over a training set. */
export interface LabelCounts {
  /** Sum of (soft) positive targets per label. */
  positives: number[];
  /** Number of examples whose label is not masked out. */
  totals: number[];
}

/**
 * Counts positives per label over training targets (rows of K values in [0, 1]); a mask row of 0
 * excludes that label of that example (U-Ignore).
 *
 * @throws TrainArgumentError on an empty set or rows of differing length.
 * @example labelCounts([Float32Array.of(1, 0), Float32Array.of(0, 0)]) // {positives: [1, 0], totals: [2, 2]}
 */
export function labelCounts(targets: ArrayLike<number>[], masks?: ArrayLike<number>[] | null): LabelCounts {
  if (targets.length === 0) throw new TrainArgumentError('labelCounts', 'targets', 'at least one row', targets);
  const k = targets[0]!.length;
  const positives = new Array<number>(k).fill(0);
  const totals = new Array<number>(k).fill(0);
  for (let r = 0; r < targets.length; r++) {
    const row = targets[r]!;
    if (row.length !== k) throw new TrainArgumentError('labelCounts', `targets[${r}]`, `${k} values`, row);
    const m = masks?.[r];
    for (let i = 0; i < k; i++) {
      const w = m ? m[i]! : 1;
      if (w === 0) continue;
      positives[i]! += row[i]!;
      totals[i]! += 1;
    }
  }
  return { positives, totals };
}
