import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '@cxr/data';
import { buildModel, countParams, loadWeightsByName, readModelMetadata, unfreezeTop } from '@cxr/models';
import type { RunClaim } from '@cxr/results';
import type { RunConfig, HeadLayerConfig } from '../config/run-config.ts';
import { TrainStateError } from '../errors.ts';
import { labelCounts } from '../losses/label-counts.ts';
import { buildLoss, type BoundLoss } from '../losses/registry.ts';
import type { TrainingPhase } from '../schedule/freeze-then-unfreeze.ts';
import { runCheckpoint, setAsideForeignCheckpoint, type CheckpointLocation } from './checkpoint.ts';
import type { RunData } from './data-phase.ts';
import { pretrainedWeightsDir } from '../config/pretrained-weights-dir.ts';
import type { ResolvedRun } from './resolve-phase.ts';
import { trainingSplit } from './training-split.ts';

/** Which initial weights a run used (stored in the run record). */
export interface WeightsUsed {
  kind: 'random' | 'pretrained' | 'converted';
  /** Folder the backbone weights came from (absent for random). */
  path?: string;
  /** What produced them, from the checkpoint's metadata (e.g. 'phantom-pretraining', 'imagenet'). */
  source?: string;
  matchedLayers?: number;
  missingLayers?: string[];
}

/** The run's model, ready to fit. */
export interface RunModel {
  model: tf.LayersModel;
  /** Sets trainability for a phase: head only, or the configured top fraction of the backbone. */
  setPhase(phase: TrainingPhase): void;
  weights: WeightsUsed;
  params: { total: number; trainable: number };
}

/** The model package's head notation ('256/0.3->128/0.3'; 'logits' for an empty head) for a config head. */
export function headSpec(head: HeadLayerConfig[]): string {
  return head.length === 0 ? 'logits' : head.map((l) => `${l.units}/${l.dropout}`).join('->');
}

/**
 * Model phase of a run: builds backbone + head with initial weights seeded by the run seed
 * (stream 'init'; dropout masks follow from it), loads pretrained or user-given backbone weights
 * by layer name (the head stays random), and applies the configured unfrozen fraction. The data
 * pipeline normalises inputs, so EfficientNet's in-model Keras preprocessing is left out.
 *
 * @throws TrainStateError when 'pretrained' weights have not been made yet (naming the pretrain
 *   command to run) or a weights folder matches no layer; ModelArgumentError for a bad backbone.
 * @example const { model, setPhase } = await buildRunModel(config, 1, 10, 'weights')
 */
export async function buildRunModel(config: RunConfig, seed: number, numClasses: number, weightsRoot: string): Promise<RunModel> {
  const { model: m, image } = config;
  const model = buildModel({
    backbone: m.backbone,
    inputSize: image.size,
    channels: image.channels,
    head: headSpec(m.head),
    numClasses,
    seed: deriveSeed(seed, 'init'),
    includeKerasPreprocessing: false,
    ...(m.featurePyramid ? { featurePyramid: m.featurePyramid } : {}),
    ...(m.patientInputs?.length ? { patientFeatures: m.patientInputs.length } : {}),
  });
  try {
    let weights: WeightsUsed = { kind: 'random' };
    if (m.init !== 'random') {
      const kind = m.init === 'pretrained' ? 'pretrained' : 'converted';
      const dir = m.init === 'pretrained' ? pretrainedWeightsDir(weightsRoot, m.backbone, image.size, image.channels) : m.init.weights;
      if (!existsSync(dir)) {
        throw new TrainStateError(
          'buildRunModel',
          m.init === 'pretrained'
            ? `no pretrained ${m.backbone} weights for ${image.size} px, ${image.channels} channel(s) at ${resolve(dir)}; make them with: npx cxr pretrain --backbone ${m.backbone} --size ${image.size} --channels ${image.channels}`
            : `the weights folder ${resolve(dir)} does not exist`,
        );
      }
      const report = await loadWeightsByName(model, dir, { skip: (name) => name.startsWith('head_') });
      if (report.matched.length === 0)
        throw new TrainStateError('buildRunModel', `no layer of ${m.backbone} matched a layer in ${resolve(dir)}`);
      const meta = await readModelMetadata(dir);
      weights = {
        kind,
        path: resolve(dir),
        source: typeof meta['source'] === 'string' ? meta['source'] : 'unknown',
        matchedLayers: report.matched.length,
        missingLayers: report.missing.filter((name) => !name.startsWith('head_')),
      };
    }
    const setPhase = (phase: TrainingPhase) => {
      if (phase === 'head-only') unfreezeTop(model, 0);
      else unfreezeTop(model, m.unfreeze);
    };
    setPhase(config.schedule.freezeThenUnfreeze ? 'head-only' : 'unfrozen');
    const counts = countParams(model);
    return { model, setPhase, weights, params: { total: counts.total, trainable: counts.trainable } };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** What the model phase hands to fit, evaluate and finish. */
export interface ModelPhaseResult {
  model: RunModel;
  /** The configured loss, class weights from the training split's label counts (balanced, with sampling.balance). */
  loss: BoundLoss;
  checkpoint: CheckpointLocation;
}

/**
 * Model phase of a claimed run: the loss (weights from the label counts and masks of the
 * training entries of epoch 0: trainingSplit), the model (buildRunModel), the checkpoint location (runCheckpoint: beside the database,
 * per run id; a checkpoint there of another database or backend is moved aside), and the run record's
 * info (weights used, parameter counts, checkpoint folder, loss weights, split sizes, data folder).
 * The model is the caller's to dispose (disposed here if recording the info throws).
 *
 * @throws what buildRunModel throws (missing pretrained weights, a bad backbone).
 * @example const { model, loss, checkpoint } = await modelPhase(run, claim, data)
 */
export async function modelPhase(run: ResolvedRun, claim: RunClaim, data: RunData): Promise<ModelPhaseResult> {
  const { config } = run;
  // the entries of the first epoch: with seed 000's balancing, its balanced (replicated) split
  const train = trainingSplit(config, data, run.seed, 0).indices;
  const trainTargets = train.map((i) => data.targets[i]!);
  const trainMasks = data.masks ? train.map((i) => data.masks![i]!) : null;
  const loss = buildLoss(config.loss, labelCounts(trainTargets, trainMasks), data.labelNames);
  const model = await buildRunModel(config, run.seed, data.labelNames.length, run.weightsRoot);
  try {
    const checkpoint = runCheckpoint(
      run.store,
      {
        runId: claim.runId,
        configHash: run.configHash,
        datasetFingerprint: data.dataset.fingerprint,
        seed: run.seed,
        backend: run.backend,
      },
      run.weightsRoot,
    );
    const movedTo = await setAsideForeignCheckpoint(checkpoint.dir, checkpoint.identity);
    if (movedTo)
      run.progress.message(
        `checkpoint in ${checkpoint.dir} belongs to another database or backend; moved to ${movedTo}, starting from epoch 1`,
      );
    run.store.updateRunInfo(claim, {
      weights: model.weights,
      params: model.params,
      checkpoint: checkpoint.dir,
      lossWeights: loss.weights ? Array.from(loss.weights) : null,
      split: { train: data.split.train.length, val: data.split.val.length, test: data.split.test.length },
      dataDir: data.dataset.dataDir,
    });
    return { model, loss, checkpoint };
  } catch (error) {
    model.model.dispose();
    throw error;
  }
}
