import { z } from 'zod';
import { DataArgumentError } from '../errors.ts';
import { createRng } from '../random/index.ts';
import { checkTargets } from './check-targets.ts';

/** How an image's positive labels' weights combine into the image's weight (see samplingWeights). */
export const WEIGHT_COMBINES = ['max', 'mean'] as const;

/**
 * Weighted random sampling (001, section 2.3: images drawn with replacement with probabilities from
 * inverse class counts). `combine`: 'max' or 'mean' of 1/count over an image's positive labels;
 * `samplesPerEpoch`: images drawn per epoch, null = as many as the split has.
 */
export const WEIGHTED_SAMPLING_CONFIG_SCHEMA = z.strictObject({
  combine: z.enum(WEIGHT_COMBINES),
  samplesPerEpoch: z.int().min(1).nullable(),
});
export type WeightedSamplingConfig = z.infer<typeof WEIGHTED_SAMPLING_CONFIG_SCHEMA>;

/**
 * The probability of drawing each image of `indices` (same order, summing to 1). Label k weighs
 * w_k = 1 / n_k, n_k its positives (target >= 0.5) among `indices` (the inverse class counts of 001;
 * labels without positives are ignored). An image weighs the max (or mean) of w_k over its positive
 * labels; an image without positives weighs min_k w_k, as a positive of the commonest label would,
 * so "no finding" images are drawn like the commonest finding, not never. With one label per image
 * both rules give each label the same expected share of draws.
 *
 * Cost O(n * labels). Throws DataArgumentError on a bad index, target or combine.
 * @example samplingWeights({ indices: [0, 1, 2, 3], targets: [[1,0],[1,0],[1,1],[0,0]].map((t) => Float32Array.from(t)), combine: 'max' })
 * // Float64Array [1/6, 1/6, 1/2, 1/6]: label weights 1/3 and 1, image weights 1/3, 1/3, 1, 1/3 (sum 2)
 */
export function samplingWeights(opts: {
  indices: number[];
  targets: Float32Array[];
  combine: WeightedSamplingConfig['combine'];
}): Float64Array {
  const fn = 'samplingWeights';
  const { indices, targets, combine } = opts;
  if (!(WEIGHT_COMBINES as readonly string[]).includes(combine))
    throw new DataArgumentError(fn, 'combine', `one of ${WEIGHT_COMBINES.join(', ')}`, combine);
  const k = checkTargets(fn, indices, targets);
  const counts = new Float64Array(k);
  for (const idx of indices) for (let j = 0; j < k; j++) if (targets[idx]![j]! >= 0.5) counts[j]!++;
  const labelWeight = Array.from(counts, (c) => (c > 0 ? 1 / c : 0));
  const floor = Math.min(...labelWeight.filter((w) => w > 0));
  const weights = new Float64Array(indices.length);
  let sum = 0;
  indices.forEach((idx, i) => {
    const t = targets[idx]!;
    let acc = 0;
    let on = 0;
    for (let j = 0; j < k; j++) {
      if (t[j]! >= 0.5) {
        acc = combine === 'max' ? Math.max(acc, labelWeight[j]!) : acc + labelWeight[j]!;
        on++;
      }
    }
    // with no positive anywhere every image weighs the same (floor is Infinity then)
    const w = on === 0 ? (Number.isFinite(floor) ? floor : 1) : combine === 'max' ? acc : acc / on;
    weights[i] = w;
    sum += w;
  });
  for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
  return weights;
}

/**
 * One epoch of weighted random sampling: `samplesPerEpoch` (or indices.length) record indices drawn
 * independently with replacement with samplingWeights' probabilities, from the stream
 * createRng(seed, `sampling/${epoch}`) - one uniform per draw, inverted through the cumulative
 * weights - so the same (indices, targets, seed, epoch, config) always draws the same and a resumed
 * run draws what an uninterrupted one would. Same as torch's WeightedRandomSampler(weights,
 * num_samples, replacement=True) in distribution, not in its random stream.
 *
 * Cost O(n * labels + draws * log n). Throws DataArgumentError on a bad epoch, index, target or config.
 * @example weightedDraw({ indices: [0, 1, 2, 3], targets, seed: 1, epoch: 0, weighted: { combine: 'max', samplesPerEpoch: 6 } }) // six indices, index 2 about half of them
 */
export function weightedDraw(opts: {
  indices: number[];
  targets: Float32Array[];
  seed: number;
  epoch: number;
  weighted: WeightedSamplingConfig;
}): number[] {
  const fn = 'weightedDraw';
  const { indices, targets, seed, epoch, weighted } = opts;
  if (!Number.isInteger(epoch) || epoch < 0) throw new DataArgumentError(fn, 'epoch', 'an integer >= 0', epoch);
  checkTargets(fn, indices, targets);
  const n = weighted.samplesPerEpoch ?? indices.length;
  if (!Number.isInteger(n) || n < 1)
    throw new DataArgumentError(fn, 'weighted.samplesPerEpoch', 'an integer >= 1 or null', weighted.samplesPerEpoch);
  const p = samplingWeights({ indices, targets, combine: weighted.combine });
  const cumulative = new Float64Array(p.length);
  let acc = 0;
  p.forEach((q, i) => (cumulative[i] = acc += q));
  const rng = createRng(seed, `sampling/${epoch}`);
  const out = new Array<number>(n);
  for (let d = 0; d < n; d++) {
    const u = rng.next() * acc;
    // first i with cumulative[i] > u
    let lo = 0;
    let hi = p.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out[d] = indices[lo]!;
  }
  return out;
}
