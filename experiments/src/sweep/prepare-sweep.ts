/**
 * What the cells of a sweep need on disk before they run, made when missing: the phantom set of
 * each distinct dataset config (generated as the trainer would, in the layout its dataset names:
 * 'phantom' PadChest's, 'nih' and 'chexpert' their own; see loadRunDataset) and each backbone that cells with
 * init 'pretrained' start from, pretrained on the phantom source set with the profile's pretrain
 * settings and saved where the trainer looks (pretrainedWeightsDir). Idempotent: what exists is
 * kept, so `cxr sweep prepare` (what the Nx targets call) and `cxr sweep` can both run it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pretrainBackbone, pretrainedWeightsDir, silentProgress, TrainInterruptedError, type ProgressReporter } from '@cxr/train';
import type { ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import { cellFingerprints } from './cell-fingerprints.ts';

/** A pretrained backbone the cells need: where it goes and how it is made. */
export interface NeededBackbone {
  dir: string;
  backbone: string;
  size: number;
  channels: 1 | 3;
  normalization: ResolvedExperiment['baseConfig']['image']['normalization'];
  /** False when its folder exists already. */
  missing: boolean;
}

/**
 * The pretrained backbones the cells need (init 'pretrained'), one per weights folder, in cell order.
 *
 * @example neededBackbones(resolved, 'weights') // [{ dir: 'weights/pretrained/efficientnetb0-64px-3ch', missing: true, ... }]
 */
export function neededBackbones(resolved: ResolvedExperiment, weightsRoot: string): NeededBackbone[] {
  const out = new Map<string, NeededBackbone>();
  for (const { config } of resolved.cells) {
    if (config.model.init !== 'pretrained') continue;
    const { backbone } = config.model;
    const { size, channels, normalization } = config.image;
    const dir = pretrainedWeightsDir(weightsRoot, backbone, size, channels);
    if (!out.has(dir)) out.set(dir, { dir, backbone, size, channels, normalization, missing: !existsSync(dir) });
  }
  return [...out.values()];
}

/** One half of the preparation: the datasets (phantom generation) or the pretrained backbones (Nx caches them as separate targets). */
export type PrepareStep = 'data' | 'weights';
export const PREPARE_STEPS: readonly PrepareStep[] = ['data', 'weights'];

/** What prepareSweep did. */
export interface PreparedSweep {
  fingerprints: Map<number, string | null>;
  pretrained: { dir: string; made: boolean }[];
  /** `signal` was aborted during a pretraining: it saved nothing, and the later ones did not start. */
  interrupted: boolean;
}

/**
 * Generates the missing phantom sets and pretrains the missing backbones (a tfjs backend must be
 * selected first). Returns the cells' dataset fingerprints too, so a sweep reads its datasets once.
 * An aborted `signal` stops a pretraining after its current batch (it saves nothing) and starts no
 * other: the result says `interrupted`, and a later call pretrains from the start.
 *
 * @throws TrainConfigError for a real dataset without a folder; TrainArgumentError from
 *   pretrainBackbone for pretrain settings it refuses.
 * @example await prepareSweep(resolved, { dataRoot: 'data', weightsRoot: 'weights', progress })
 */
export async function prepareSweep(
  resolved: ResolvedExperiment,
  opts: { dataRoot: string; weightsRoot: string; progress?: ProgressReporter; only?: PrepareStep; signal?: AbortSignal },
): Promise<PreparedSweep> {
  const progress = opts.progress ?? silentProgress;
  const fingerprints =
    opts.only === 'weights'
      ? new Map<number, string | null>()
      : await cellFingerprints(resolved.cells, opts.dataRoot, 'load', (line) => progress.message(line));
  const pretrained: PreparedSweep['pretrained'] = [];
  if (opts.only === 'data') return { fingerprints, pretrained, interrupted: false };
  const settings = resolved.profile.pretrain;
  for (const need of neededBackbones(resolved, opts.weightsRoot)) {
    if (!need.missing) {
      pretrained.push({ dir: need.dir, made: false });
      continue;
    }
    progress.message(
      `pretraining ${need.backbone} at ${need.size} px, ${need.channels} channel(s) for profile '${resolved.profile.name}' ` +
        `(${settings.images} phantom source images, ${settings.epochs} epochs) -> ${resolve(need.dir)}`,
    );
    if (opts.signal?.aborted) return { fingerprints, pretrained, interrupted: true };
    try {
      await pretrainBackbone({
        backbone: need.backbone,
        size: need.size,
        channels: need.channels,
        normalization: need.normalization,
        weightsRoot: opts.weightsRoot,
        images: settings.images,
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        seed: settings.seed,
        progress,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (error) {
      if (error instanceof TrainInterruptedError) return { fingerprints, pretrained, interrupted: true };
      throw error;
    }
    pretrained.push({ dir: need.dir, made: true });
  }
  return { fingerprints, pretrained, interrupted: false };
}
