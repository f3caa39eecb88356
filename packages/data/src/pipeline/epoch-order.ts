import { z } from 'zod';
import { DataArgumentError } from '../errors.ts';
import { createRng } from '../random/index.ts';
import { checkTargets } from './check-targets.ts';
import { weightedDraw, type WeightedSamplingConfig } from './weighted-sampling.ts';

export { checkTargets } from './check-targets.ts';

/** Moderate positive oversampling: an image repeats at most `maxRepeats` times per epoch. */
export const OVERSAMPLE_CONFIG_SCHEMA = z.strictObject({ maxRepeats: z.int().min(1) });
export type OversampleConfig = z.infer<typeof OVERSAMPLE_CONFIG_SCHEMA>;

/** Options of epochOrder. */
export interface EpochOrderOptions {
  /** Record indices of the split (into targets and the image cache). */
  indices: number[];
  /** Targets per record, indexed by record index; a value >= 0.5 counts as positive. */
  targets: Float32Array[];
  seed: number;
  epoch: number;
  oversample?: OversampleConfig | null;
  /** Weighted random sampling with replacement instead of a permutation (see weightedDraw); not with oversample. */
  weighted?: WeightedSamplingConfig | null;
}

/**
 * How many times each image of `indices` appears per epoch under moderate positive oversampling
 * (same order as `indices`). With prevalence p_k of label k over `indices` and p_max the largest
 * prevalence of any label, an image repeats r = min(maxRepeats, max(1, round(max over its positive
 * labels of p_max / p_k))) times: rare-label positives are re-exposed in proportion to 1/prevalence
 * (relative to the commonest label, which never repeats), capped so no image is duplicated
 * excessively; images without positives appear once. Labels with no positive are ignored.
 *
 * Throws DataArgumentError on a bad maxRepeats, index or target.
 * @example oversampleRepeats({ indices: [0, 1, 2, 3], targets: [[1,0],[1,0],[1,1],[0,0]].map((t) => Float32Array.from(t)), maxRepeats: 2 })
 * // [1, 1, 2, 1]: prevalences 0.75 and 0.25, so a label-2 positive repeats round(3) = 3 -> capped at 2
 */
export function oversampleRepeats(opts: { indices: number[]; targets: Float32Array[]; maxRepeats: number }): number[] {
  const fn = 'oversampleRepeats';
  const { indices, targets, maxRepeats } = opts;
  if (!Number.isInteger(maxRepeats) || maxRepeats < 1) throw new DataArgumentError(fn, 'maxRepeats', 'an integer >= 1', maxRepeats);
  const k = checkTargets(fn, indices, targets);
  const positives = new Float64Array(k);
  for (const idx of indices) {
    const t = targets[idx]!;
    for (let j = 0; j < k; j++) if (t[j]! >= 0.5) positives[j]!++;
  }
  const pMax = Math.max(...positives);
  const weight = Array.from(positives, (p) => (p > 0 ? pMax / p : 0));
  return indices.map((idx) => {
    const t = targets[idx]!;
    let w = 1;
    for (let j = 0; j < k; j++) if (t[j]! >= 0.5 && weight[j]! > w) w = weight[j]!;
    return Math.min(maxRepeats, Math.max(1, Math.round(w)));
  });
}

/**
 * How many images one epoch visits: indices.length, with `oversample` the sum of
 * oversampleRepeats, with `weighted` its samplesPerEpoch (indices.length when null) - the length
 * of epochOrder for every seed and epoch, known before the epoch starts. Cost O(n * labels).
 * Throws DataArgumentError like oversampleRepeats, and when oversample and weighted are both set.
 * @example epochImageCount({ indices: [0, 1, 2, 3], targets, oversample: { maxRepeats: 2 } }) // 5 with the targets of oversampleRepeats' example
 */
export function epochImageCount(opts: Pick<EpochOrderOptions, 'indices' | 'targets' | 'oversample' | 'weighted'>): number {
  const { indices, targets, oversample, weighted } = opts;
  checkTargets('epochImageCount', indices, targets);
  checkOneSampler('epochImageCount', oversample, weighted);
  if (weighted) return weighted.samplesPerEpoch ?? indices.length;
  if (!oversample) return indices.length;
  return oversampleRepeats({ indices, targets, maxRepeats: oversample.maxRepeats }).reduce((a, b) => a + b, 0);
}

/**
 * The order in which one epoch visits the images: each index (repeated as oversampleRepeats says
 * when `oversample` is set) shuffled by the stream createRng(seed, `order/${epoch}`); with
 * `weighted`, weightedDraw's draws with replacement from the stream `sampling/${epoch}` instead.
 * An epoch's order depends only on (indices, targets, seed, epoch, oversample, weighted), so
 * resuming at an epoch boundary needs no saved random state. Cost O(n * labels).
 *
 * Throws DataArgumentError on a bad epoch, index, target, maxRepeats or weighted config, and when
 * oversample and weighted are both set (seed: see createRng).
 * @example epochOrder({ indices: [0, 1, 2], targets, seed: 1, epoch: 0 }) // a permutation of [0, 1, 2]
 */
export function epochOrder(opts: EpochOrderOptions): number[] {
  const fn = 'epochOrder';
  const { indices, targets, seed, epoch, oversample, weighted } = opts;
  if (!Number.isInteger(epoch) || epoch < 0) throw new DataArgumentError(fn, 'epoch', 'an integer >= 0', epoch);
  checkTargets(fn, indices, targets);
  checkOneSampler(fn, oversample, weighted);
  if (weighted) return weightedDraw({ indices, targets, seed, epoch, weighted });
  let order: number[];
  if (oversample) {
    const repeats = oversampleRepeats({ indices, targets, maxRepeats: oversample.maxRepeats });
    order = [];
    indices.forEach((idx, i) => {
      for (let r = 0; r < repeats[i]!; r++) order.push(idx);
    });
  } else {
    order = indices.slice();
  }
  return createRng(seed, `order/${epoch}`).shuffle(order);
}

/** Oversampling and weighted sampling are alternatives: refuses both at once. */
function checkOneSampler(
  fn: string,
  oversample: OversampleConfig | null | undefined,
  weighted: WeightedSamplingConfig | null | undefined,
): void {
  if (oversample && weighted) {
    throw new DataArgumentError(fn, 'weighted', 'null when oversample is set (weighted random sampling replaces oversampling)', weighted);
  }
}
