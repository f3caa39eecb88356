import * as tf from '@tensorflow/tfjs';
import { DataArgumentError } from '../errors.ts';
import { createRng } from '../random/index.ts';
import { augmentInto, checkAugmentConfig, copyUnitInto, sampleAugmentParams, type AugmentConfig } from './augment.ts';
import { checkTargets } from './check-targets.ts';
import { epochImageCount, epochOrder, type OversampleConfig } from './epoch-order.ts';
import type { ImageCache } from './image-cache.ts';
import { checkMixConfig, planMixing, type CutmixConfig, type MixPlan, type MixupConfig } from './mixing.ts';
import type { WeightedSamplingConfig } from './weighted-sampling.ts';

/**
 * Intensity scaling of the network input: 'imagenet' mean/std per channel, 'unit' [0, 1], or
 * 'samplewise': each image centred on its own mean and divided by its own standard deviation
 * (Keras ImageDataGenerator samplewise_center + samplewise_std_normalization; seed 004).
 */
export const NORMALIZATIONS = ['imagenet', 'unit', 'samplewise'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

/** Channels of the network input: 1 (gray) or 3 (gray replicated, for ImageNet-pretrained backbones). */
export const CHANNEL_COUNTS = [1, 3] as const;
export type ChannelCount = (typeof CHANNEL_COUNTS)[number];

/** Everything that shapes the training batches (plain JSON, part of a run's config). */
export interface PipelineConfig {
  batchSize: number;
  /** 3 replicates the gray channel for ImageNet-pretrained backbones. */
  channels: ChannelCount;
  /** 'imagenet': (x - mean) / std per channel on [0, 1] values; 'unit': [0, 1] (from-scratch models); 'samplewise': per image (x - mean(x)) / (std(x) + 1e-6). */
  normalization: Normalization;
  augment: AugmentConfig | null;
  mixup: MixupConfig | null;
  cutmix: CutmixConfig | null;
  oversample: OversampleConfig | null;
  /** Weighted random sampling with replacement (absent/null = none); not together with oversample. */
  weighted?: WeightedSamplingConfig | null;
}

/** One batch. The caller owns (and disposes) the tensors. */
export interface Batch {
  /** [b, size, size, channels] float32. */
  xs: tf.Tensor4D;
  /** [b, K] float32 targets; soft where MixUp/CutMix mixed them. */
  ys: tf.Tensor2D;
  /** [b, K] float32, 1 = the label counts in the loss; null when the caller gave no masks. */
  mask: tf.Tensor2D | null;
  /** Record indices of the samples (a mixed sample lists its own image, not its partner). */
  indices: number[];
  /** [b, F] float32 per-image tabular features (a two-input model's second input); absent without `tabular`. */
  tabular?: tf.Tensor2D;
}

/** Options shared by trainBatches and evalBatches. */
interface BatchSource {
  cache: ImageCache;
  /** Record indices of the split; image i of the cache belongs to record i. */
  indices: number[];
  /** Targets per record, indexed by record index. */
  targets: Float32Array[];
  /** Loss masks per record (1 = counts), indexed by record index; null/absent = everything counts. */
  masks?: Float32Array[] | null;
  /** Tabular features per record (patientFeatures), indexed by record index; null/absent = none. Mixed samples mix them as their targets. */
  tabular?: Float32Array[] | null;
}

/** Options of trainBatches. */
export interface TrainBatchesOptions extends BatchSource {
  config: PipelineConfig;
  seed: number;
  epoch: number;
  /**
   * Aligned with `indices`: true mirrors that entry left-right before augmentation (seed 000's
   * flipped duplicates, balanceTrainingSplit's `mirrored`); absent/null = none is mirrored.
   */
  mirrored?: readonly boolean[] | null;
}

/** Options of evalBatches. */
export interface EvalBatchesOptions extends BatchSource {
  batchSize: number;
  channels: ChannelCount;
  normalization: Normalization;
}

/** ImageNet channel statistics (torchvision / Keras 'torch' preprocessing), on [0, 1] RGB values. */
export const IMAGENET_MEAN: readonly [number, number, number] = [0.485, 0.456, 0.406];
export const IMAGENET_STD: readonly [number, number, number] = [0.229, 0.224, 0.225];

/**
 * The training batches of one epoch: images in epochOrder (seeded by `order/<epoch>`, with
 * oversampling; or drawn by weighted random sampling from `sampling/<epoch>`), each augmented by the stream `augment/<epoch>`, then MixUp/CutMix planned per
 * batch by the stream `mix/<epoch>`, normalised and replicated to `channels` in one fused pass.
 * The result depends only on (cache contents, indices, targets, masks, config, seed, epoch). The
 * last batch may be smaller (as Keras' fit does). Mixed samples get soft labels
 * lambda * own + (1 - lambda) * partner and mask min(own, partner): a label unknown in either image
 * is unknown in the mix. With channels 1 and 'imagenet', the mean and std are the averages of
 * the three ImageNet channels (0.449, 0.226). With `mirrored`, the epoch order is drawn over
 * positions (same stream), and a flagged entry is mirrored left-right before augmentation.
 *
 * Cost per image O(size^2); tensors are created lazily, one xs/ys(/mask) per batch, so breaking
 * out of the loop leaks nothing.
 * Throws DataArgumentError (before the first batch) on an invalid config, index, target or mask.
 * @example for (const b of trainBatches({ cache, indices, targets, config, seed: 1, epoch: 0 })) {
 *   await model.trainOnBatch(b.xs, b.ys); tf.dispose([b.xs, b.ys, b.mask ?? []]); }
 */
export function trainBatches(opts: TrainBatchesOptions): Generator<Batch> {
  const fn = 'trainBatches';
  const { config } = opts;
  checkCommon(fn, opts, config.batchSize, config.channels, config.normalization);
  if (config.augment) checkAugmentConfig(fn, config.augment);
  checkMixConfig(fn, config.mixup, config.cutmix);
  const common = { seed: opts.seed, epoch: opts.epoch, oversample: config.oversample, weighted: config.weighted ?? null };
  const augRng = createRng(opts.seed, `augment/${opts.epoch}`);
  const mixRng = createRng(opts.seed, `mix/${opts.epoch}`);
  const mirrored = opts.mirrored ?? null;
  if (mirrored !== null && mirrored.length !== opts.indices.length)
    throw new DataArgumentError(fn, 'mirrored', `one flag per index (${opts.indices.length})`, `${mirrored.length} flags`);
  if (mirrored === null || !mirrored.includes(true))
    return generate(opts, epochOrder({ indices: opts.indices, targets: opts.targets, ...common }), config, augRng, mixRng, null);
  // Drawn over positions so a record's plain and mirrored entries stay apart; epochOrder treats the values as opaque.
  const positions = opts.indices.map((_, p) => p);
  const byPosition = epochOrder({ indices: positions, targets: opts.indices.map((i) => opts.targets[i]!), ...common });
  const order = byPosition.map((p) => opts.indices[p]!);
  return generate(
    opts,
    order,
    config,
    augRng,
    mixRng,
    byPosition.map((p) => mirrored[p]!),
  );
}

/**
 * How many batches trainBatches yields per epoch, known before the epoch starts (progress lines
 * and ETAs): ceil(epochImageCount / batchSize), the same for every seed and epoch; the last batch
 * may be smaller. Cost O(n * labels).
 * Throws DataArgumentError on a bad batchSize, index, target or maxRepeats, or oversample with weighted.
 * @example epochSteps({ indices, targets, config: { batchSize: 32, oversample: null } }) // 17 for 530 indices
 */
export function epochSteps(opts: {
  indices: number[];
  targets: Float32Array[];
  config: Pick<PipelineConfig, 'batchSize' | 'oversample' | 'weighted'>;
}): number {
  const { batchSize, oversample, weighted } = opts.config;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DataArgumentError('epochSteps', 'batchSize', 'an integer >= 1', batchSize);
  return Math.ceil(epochImageCount({ indices: opts.indices, targets: opts.targets, oversample, weighted: weighted ?? null }) / batchSize);
}

/**
 * Evaluation batches: `indices` in the given order, no augmentation or mixing, same
 * normalisation as training. Throws DataArgumentError on invalid options.
 * @example for (const b of evalBatches({ cache, indices: testIdx, targets, batchSize: 64, channels: 3, normalization: 'imagenet' })) { ... }
 */
export function evalBatches(opts: EvalBatchesOptions): Generator<Batch> {
  checkCommon('evalBatches', opts, opts.batchSize, opts.channels, opts.normalization);
  const config: PipelineConfig = {
    batchSize: opts.batchSize,
    channels: opts.channels,
    normalization: opts.normalization,
    augment: null,
    mixup: null,
    cutmix: null,
    oversample: null,
  };
  return generate(opts, opts.indices.slice(), config, null, null, null);
}

function* generate(
  src: BatchSource,
  order: number[],
  config: PipelineConfig,
  augRng: ReturnType<typeof createRng> | null,
  mixRng: ReturnType<typeof createRng> | null,
  /** Aligned with `order`: mirror that sample left-right before augmenting it. */
  flips: readonly boolean[] | null,
): Generator<Batch> {
  const { cache, targets, masks } = src;
  const tabular = src.tabular ?? null;
  const f = tabular ? tabular[order[0]!]!.length : 0;
  const size = cache.size;
  const area = size * size;
  const k = targets[order[0]!]!.length;
  const channels = config.channels;
  const [scale, shift] = channelAffine(config.normalization, channels);
  const gray = new Float32Array(config.batchSize * area);
  for (let start = 0; start < order.length; start += config.batchSize) {
    const idx = order.slice(start, start + config.batchSize);
    const b = idx.length;
    for (let s = 0; s < b; s++) {
      const cached = cache.image(idx[s]!);
      const img = flips?.[start + s] === true ? mirrorRows(cached, size) : cached;
      if (config.augment && augRng)
        augmentInto(img, size, sampleAugmentParams(augRng, config.augment, size), config.augment, augRng, gray, s * area);
      else copyUnitInto(img, gray, s * area);
    }
    const plans: MixPlan[] = mixRng ? planMixing(mixRng, b, size, config.mixup, config.cutmix) : [];
    // tfjs may keep the array it is given, so every batch gets fresh buffers.
    const xs = new Float32Array(b * area * channels);
    const ys = new Float32Array(b * k);
    const mask = masks ? new Float32Array(b * k) : null;
    const tab = tabular ? new Float32Array(b * f) : null;
    for (let s = 0; s < b; s++) {
      const plan = plans[s] ?? { kind: 'none' as const };
      writeImage(gray, s, plan, size, channels, scale, shift, xs);
      if (config.normalization === 'samplewise') standardizeSample(xs, s * area * channels, area * channels);
      const own = idx[s]!;
      const lam = plan.kind === 'none' ? 1 : plan.lambda;
      const other = plan.kind === 'none' ? own : idx[plan.partner]!;
      const tOwn = targets[own]!;
      const tOther = targets[other]!;
      for (let j = 0; j < k; j++) ys[s * k + j] = lam * tOwn[j]! + (1 - lam) * tOther[j]!;
      if (tab && tabular) {
        const fOwn = tabular[own]!;
        const fOther = tabular[other]!;
        for (let j = 0; j < f; j++) tab[s * f + j] = lam * fOwn[j]! + (1 - lam) * fOther[j]!;
      }
      if (mask && masks) {
        const mOwn = masks[own]!;
        const mOther = masks[other]!;
        for (let j = 0; j < k; j++) mask[s * k + j] = Math.min(mOwn[j]!, mOther[j]!);
      }
    }
    yield {
      xs: tf.tensor4d(xs, [b, size, size, channels], 'float32'),
      ys: tf.tensor2d(ys, [b, k], 'float32'),
      mask: mask ? tf.tensor2d(mask, [b, k], 'float32') : null,
      indices: idx,
      ...(tab ? { tabular: tf.tensor2d(tab, [b, f], 'float32') } : {}),
    };
  }
}

/** A copy of a size x size image mirrored left-right (each row reversed). */
function mirrorRows(img: Uint8Array, size: number): Uint8Array {
  const out = Uint8Array.from(img);
  for (let y = 0; y < size; y++) out.subarray(y * size, (y + 1) * size).reverse();
  return out;
}

/**
 * Centres and scales xs[offset .. offset + n) on its own mean and (population) standard deviation,
 * as Keras' ImageDataGenerator.standardize does: x -= mean(x); x /= std(x) + 1e-6. Applied after
 * augmentation and mixing, so the network sees what it would see in Keras; a flat image becomes 0.
 */
function standardizeSample(xs: Float32Array, offset: number, n: number): void {
  let sum = 0;
  for (let i = offset; i < offset + n; i++) sum += xs[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = offset; i < offset + n; i++) sq += (xs[i]! - mean) ** 2;
  const inv = 1 / (Math.sqrt(sq / n) + 1e-6);
  for (let i = offset; i < offset + n; i++) xs[i] = (xs[i]! - mean) * inv;
}

/** Per-channel out = gray * scale + shift ('samplewise' starts from [0, 1] like 'unit'). */
function channelAffine(normalization: Normalization, channels: 1 | 3): [Float32Array, Float32Array] {
  if (normalization === 'unit' || normalization === 'samplewise') return [new Float32Array(channels).fill(1), new Float32Array(channels)];
  const mean = channels === 3 ? [...IMAGENET_MEAN] : [avg(IMAGENET_MEAN)];
  const std = channels === 3 ? [...IMAGENET_STD] : [avg(IMAGENET_STD)];
  return [Float32Array.from(std, (s) => 1 / s), Float32Array.from(mean, (m, c) => -m / std[c]!)];
}

function avg(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/** Mixes sample s with its partner (per plan), normalises and replicates into xs, fused in one loop. */
function writeImage(
  gray: Float32Array,
  s: number,
  plan: MixPlan,
  size: number,
  channels: number,
  scale: Float32Array,
  shift: Float32Array,
  xs: Float32Array,
): void {
  const area = size * size;
  const own = s * area;
  const out = s * area * channels;
  const s0 = scale[0]!;
  const o0 = shift[0]!;
  if (channels === 1) {
    if (plan.kind === 'mixup') {
      const other = plan.partner * area;
      const lam = plan.lambda;
      for (let p = 0; p < area; p++) xs[out + p] = (lam * gray[own + p]! + (1 - lam) * gray[other + p]!) * s0 + o0;
    } else {
      for (let p = 0; p < area; p++) xs[out + p] = gray[own + p]! * s0 + o0;
      if (plan.kind === 'cutmix') pasteBox(gray, plan, size, 1, scale, shift, xs, out);
    }
    return;
  }
  const s1 = scale[1]!;
  const s2 = scale[2]!;
  const o1 = shift[1]!;
  const o2 = shift[2]!;
  if (plan.kind === 'mixup') {
    const other = plan.partner * area;
    const lam = plan.lambda;
    for (let p = 0, o = out; p < area; p++, o += 3) {
      const g = lam * gray[own + p]! + (1 - lam) * gray[other + p]!;
      xs[o] = g * s0 + o0;
      xs[o + 1] = g * s1 + o1;
      xs[o + 2] = g * s2 + o2;
    }
    return;
  }
  for (let p = 0, o = out; p < area; p++, o += 3) {
    const g = gray[own + p]!;
    xs[o] = g * s0 + o0;
    xs[o + 1] = g * s1 + o1;
    xs[o + 2] = g * s2 + o2;
  }
  if (plan.kind === 'cutmix') pasteBox(gray, plan, size, 3, scale, shift, xs, out);
}

function pasteBox(
  gray: Float32Array,
  plan: Extract<MixPlan, { kind: 'cutmix' }>,
  size: number,
  channels: number,
  scale: Float32Array,
  shift: Float32Array,
  xs: Float32Array,
  out: number,
): void {
  const other = plan.partner * size * size;
  const { x0, y0, x1, y1 } = plan.box;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const g = gray[other + y * size + x]!;
      const o = out + (y * size + x) * channels;
      for (let c = 0; c < channels; c++) xs[o + c] = g * scale[c]! + shift[c]!;
    }
  }
}

function checkCommon(fn: string, src: BatchSource, batchSize: number, channels: number, normalization: string): void {
  const { cache, indices, targets, masks } = src;
  if (!cache || typeof cache.image !== 'function') throw new DataArgumentError(fn, 'cache', 'an ImageCache', cache);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DataArgumentError(fn, 'batchSize', 'an integer >= 1', batchSize);
  if (channels !== 1 && channels !== 3) throw new DataArgumentError(fn, 'channels', '1 or 3', channels);
  if (!(NORMALIZATIONS as readonly string[]).includes(normalization))
    throw new DataArgumentError(fn, 'normalization', "'imagenet', 'unit' or 'samplewise'", normalization);
  const k = checkTargets(fn, indices, targets);
  const tabular = src.tabular ?? null;
  const f = tabular?.[indices[0]!]?.length;
  for (const idx of indices) {
    if (tabular) {
      const t = tabular[idx];
      if (!(t instanceof Float32Array) || t.length !== f || f === 0)
        throw new DataArgumentError(fn, `tabular[${idx}]`, `a non-empty Float32Array of length ${f ?? 0}`, t);
    }
    if (idx >= cache.count) throw new DataArgumentError(fn, 'indices', `indices below the cache's ${cache.count} images`, idx);
    if (masks) {
      const m = masks[idx];
      if (!(m instanceof Float32Array) || m.length !== k)
        throw new DataArgumentError(fn, `masks[${idx}]`, `a Float32Array of length ${k}`, m);
    }
  }
}
