import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';

import {
  createMemoryImageCache,
  deriveSeed,
  epochSteps,
  evalBatches,
  generatePhantomSource,
  trainBatches,
  type Normalization,
  type PipelineConfig,
} from '@cxr/data';
import { buildModel, loadWeightsByName, saveBackboneTo, saveModelTo } from '@cxr/models';
import { TrainArgumentError, TrainStateError } from '../errors.ts';
import type { BoundLoss } from '../losses/registry.ts';
import { weightedBce } from '../losses/losses.ts';
import { fit } from '../run/fit.ts';
import { predictSplit } from '../run/evaluate.ts';
import { pretrainedWeightsDir } from '../config/pretrained-weights-dir.ts';
import { silentProgress, type ProgressReporter } from '../run/progress.ts';

export interface PretrainOptions {
  backbone: string;
  size: number;
  channels: 1 | 3;
  /** Root of weights/pretrained (default 'weights'). */
  weightsRoot?: string;
  /** Converted ImageNet (Keras) weights: used instead of phantom pretraining. */
  weightsDir?: string;
  /** Phantom source images (default 2000). */
  images?: number;
  epochs?: number;
  batchSize?: number;
  seed?: number;
  /** Must match the fine-tuning runs' normalisation (default 'imagenet', as the paper profile). */
  normalization?: Normalization;
  progress?: ProgressReporter;
  /** Aborted (Ctrl-C in `cxr sweep`): pretraining stops after the current batch and saves nothing. */
  signal?: AbortSignal;
}

export interface PretrainResult {
  dir: string;
  source: 'phantom-pretraining' | 'imagenet-converted';
  /** Validation loss of the auxiliary task after the last epoch (phantom pretraining only). */
  valLoss?: number;
  matchedLayers?: number;
}

/**
 * Offline pretraining (issue 7.7): trains `backbone` with an auxiliary head on the phantom source
 * set (finding presence and severity, anatomy and pose, all in [0, 1], fitted with sigmoid
 * cross-entropy on soft targets; 10 % held out) and saves the backbone where init 'pretrained'
 * looks (weights/pretrained/<backbone>-<size>px-<channels>ch), with metadata naming the source.
 * With `weightsDir` (converted ImageNet weights) those are loaded by layer name and saved there
 * instead. The folder is written under a temporary name and renamed when complete.
 *
 * @throws TrainArgumentError for bad sizes or counts; TrainStateError when converted weights match
 *   no layer; ModelArgumentError for an unknown backbone; TrainInterruptedError once `signal` is
 *   aborted (nothing is written: the folder appears only when complete).
 * @example await pretrainBackbone({ backbone: 'cnn3', size: 32, channels: 1, images: 200, epochs: 1 })
 */
export async function pretrainBackbone(opts: PretrainOptions): Promise<PretrainResult> {
  const progress = opts.progress ?? silentProgress;
  const seed = opts.seed ?? 0;
  const images = opts.images ?? 2000;
  const epochs = opts.epochs ?? 10;
  const batchSize = opts.batchSize ?? 32;
  if (!(Number.isInteger(images) && images >= 20)) throw new TrainArgumentError('pretrainBackbone', 'images', 'an integer >= 20', images);
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new TrainArgumentError('pretrainBackbone', 'epochs', 'an integer >= 1', epochs);
  const dir = pretrainedWeightsDir(opts.weightsRoot ?? 'weights', opts.backbone, opts.size, opts.channels);
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });

  if (opts.weightsDir) {
    if (!existsSync(opts.weightsDir))
      throw new TrainStateError('pretrainBackbone', `the weights folder ${resolve(opts.weightsDir)} does not exist`);
    const bare = buildModel({
      backbone: opts.backbone,
      inputSize: opts.size,
      channels: opts.channels,
      head: 'none',
      numClasses: 1,
      seed,
      includeKerasPreprocessing: false,
    });
    try {
      const report = await loadWeightsByName(bare, opts.weightsDir);
      if (report.matched.length === 0)
        throw new TrainStateError('pretrainBackbone', `no layer of ${opts.backbone} matched a layer in ${resolve(opts.weightsDir)}`);
      await saveModelTo(bare, tmp, {
        source: 'imagenet-converted',
        from: resolve(opts.weightsDir),
        matched: report.matched.length,
        missing: report.missing,
      });
      await replaceDir(tmp, dir);
      progress.message(`${opts.backbone}: ${report.matched.length} layers from ${opts.weightsDir} saved to ${dir}`);
      return { dir, source: 'imagenet-converted', matchedLayers: report.matched.length };
    } finally {
      bare.dispose();
    }
  }

  progress.message(`rendering ${images} phantom source images at ${opts.size} px`);
  const src = generatePhantomSource({ n: images, size: opts.size, seed });
  const k = src.targets.length / src.n;
  const pixels = Uint8Array.from(src.images, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
  const cache = createMemoryImageCache(opts.size, pixels);
  const targets = Array.from({ length: src.n }, (_, i) => src.targets.slice(i * k, (i + 1) * k));
  const nVal = Math.max(1, Math.round(src.n * 0.1));
  const all = Array.from({ length: src.n }, (_, i) => i);
  const train = all.slice(nVal);
  const val = all.slice(0, nVal);
  const normalization = opts.normalization ?? 'imagenet';
  const pipeline: PipelineConfig = {
    batchSize,
    channels: opts.channels,
    normalization,
    augment: null,
    mixup: null,
    cutmix: null,
    oversample: null,
  };
  const loss: BoundLoss = { name: 'weighted-bce', weights: null, compute: (z, y, m) => weightedBce(z, y, null, m) };
  const model = buildModel({
    backbone: opts.backbone,
    inputSize: opts.size,
    channels: opts.channels,
    head: '256/0.2',
    numClasses: k,
    seed: deriveSeed(seed, 'init'),
    includeKerasPreprocessing: false,
  });
  try {
    const result = await fit({
      model,
      loss,
      config: {
        optimizer: { name: 'adam', lrHead: 1e-3, lrBackbone: 1e-3, weightDecay: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
        schedule: { monitor: 'val_loss', plateau: null, earlyStopping: null, rampup: null, freezeThenUnfreeze: null },
        epochs,
        stepsPerEpoch: null,
      },
      baseRates: { head: 1e-3, backbone: 1e-3 },
      trainBatches: (epoch) => trainBatches({ cache, indices: train, targets, config: pipeline, seed: deriveSeed(seed, 'data'), epoch }),
      epochSteps: () => epochSteps({ indices: train, targets, config: pipeline }),
      validate: async (m) => ({
        loss: (
          await predictSplit(m, loss, evalBatches({ cache, indices: val, targets, batchSize: 64, channels: opts.channels, normalization }))
        ).loss,
        metrics: {},
      }),
      setPhase: () => {},
      checkpoint: null,
      progress,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const valLoss = result.history[result.history.length - 1]!.valLoss;
    await saveBackboneTo(model, tmp, { source: 'phantom-pretraining', images, epochs, seed, normalization, valLoss });
    await replaceDir(tmp, dir);
    progress.message(
      `${opts.backbone}: pretrained on ${images} phantom images for ${epochs} epochs (val loss ${valLoss.toFixed(4)}), saved to ${dir}`,
    );
    return { dir, source: 'phantom-pretraining', valLoss };
  } finally {
    model.dispose();
    cache.close();
  }
}

async function replaceDir(tmp: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
}
