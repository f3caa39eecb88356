/*
 * One run = one (configuration, seed), as phases (ARCHITECTURE.md, "One run"):
 *   1. resolve  - the caller resolves the frozen RunConfig (presets, files, flags: resolveConfig)
 *   2. data (a) - phantom generation when needed, then the adapter: records and fingerprint
 *                 (before the claim, since the run's identity includes the fingerprint)
 *   3. claim    - register config and run (idempotent); a done run is returned, not repeated;
 *                 claim it (pending, failed or stale -> running) with backend and versions
 *   4. data (b) - uncertainty policy, patient split, image cache
 *   5. model    - backbone + head, initial weights (random seeded / pretrained / converted), unfreezing
 *   6. fit      - epochs with validation, schedules, early stopping, checkpoints and resume; each
 *                 epoch row written as it ends
 *   7. evaluate - best weights -> validation and test probabilities -> metrics, operating points
 *                 fixed on validation
 *   8. finish   - metrics, label metrics and prediction blobs in one transaction; checkpoints removed
 * Every random choice derives from the run seed: 'init' (weights and dropout), 'split' (when the
 * config's split follows the run), and the pipeline's 'order/e', 'augment/e', 'mix/e' streams.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { deriveSeed, evalBatches, trainBatches, type PipelineConfig } from '@cxr/data';
import { configHash, type ResultsStore, type RunClaim } from '@cxr/results';
import { baseLearningRates } from '../config/base-rates.ts';
import type { RunConfig } from '../config/run-config.ts';
import { labelCounts } from '../losses/label-counts.ts';
import { buildLoss } from '../losses/registry.ts';
import { removeCheckpoints, type EpochRow } from './checkpoint.ts';
import { loadRunDataset, prepareRunData, type RunData } from './data-phase.ts';
import { predictSplit, runMetrics, validationMetrics } from './evaluate.ts';
import { fit } from './fit.ts';
import { buildRunModel, type WeightsUsed } from './model-phase.ts';
import { recordDatasetProblems } from './problems-phase.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';

export interface RunRequest {
  config: RunConfig;
  seed: number;
  store: ResultsStore;
  /** The tfjs backend in use (selectBackend's name); stored with the run. */
  backend: string;
  /** Experiment the config is registered under (default 'adhoc'). */
  experiment?: string;
  /** Label of the config within the experiment (default: the first 12 characters of its hash). */
  label?: string;
  /** Root of weights/pretrained and weights/checkpoints (default 'weights'). */
  weightsRoot?: string;
  /** Root of generated data (default 'data'); the image cache goes to <dataRoot>/cache. */
  dataRoot?: string;
  /** A running run whose heartbeat is older than this is taken over (resume after a crash). */
  staleAfterMs?: number;
  progress?: ProgressReporter;
  /** Fail before training when more than this fraction of the dataset's data rows were dropped (default 0.01). */
  maxDroppedFraction?: number;
}

export interface RunOutcome {
  runId: number;
  /** 'done': trained now; 'skipped': already done in the database; 'busy': another process holds it. */
  status: 'done' | 'skipped' | 'busy';
  configHash: string;
  /** Test metrics (finite ones). */
  test: Record<string, number>;
  bestEpoch?: number;
  epochs?: number;
  resumedEpochs?: number;
  weights?: WeightsUsed;
  seconds: number;
}

/** Test hook: exit with 137 right after the checkpoint of this 1-based epoch (simulates a kill). */
export const CRASH_AFTER_EPOCH_ENV = 'CXR_TEST_CRASH_AFTER_EPOCH';

/**
 * Trains and evaluates one (config, seed) and records everything in the results store; a run
 * already done is returned from the store. See the phase list at the top of this file.
 *
 * @throws whatever a phase throws (config, data, model errors); a claimed run is marked failed first.
 * @example const out = await runExperiment({ config: presetConfig('smoke'), seed: 1, store, backend: 'cpu' }); out.test.macro_auc_roc
 */
export async function runExperiment(req: RunRequest): Promise<RunOutcome> {
  const started = performance.now();
  const progress = req.progress ?? silentProgress;
  const weightsRoot = req.weightsRoot ?? 'weights';
  const dataRoot = req.dataRoot ?? 'data';
  const { config, seed, store } = req;

  const dataset = await loadRunDataset(config, dataRoot, (l) => progress.message(l));
  const hash = configHash(config);
  const experiment = req.experiment ?? 'adhoc';
  store.ensureExperiment(experiment);
  const { configId } = store.registerConfig(experiment, config, req.label ?? hash.slice(0, 12));
  const run = store.registerRun({ configId, seed, datasetFingerprint: dataset.fingerprint });
  const seconds = () => (performance.now() - started) / 1000;
  if (run.status === 'done') {
    return { runId: run.id, status: 'skipped', configHash: hash, test: run.metrics['test'] ?? {}, seconds: seconds() };
  }
  const claim = store.claimRun(run.id, {
    backend: req.backend,
    codeVersion: codeVersion(),
    packageVersions: { '@tensorflow/tfjs': tf.version.tfjs },
    ...(req.staleAfterMs !== undefined ? { staleAfterMs: req.staleAfterMs } : {}),
  });
  if (!claim) return { runId: run.id, status: 'busy', configHash: hash, test: {}, seconds: seconds() };

  try {
    // ---- problems (issue 13): the dataset's problems are stored with the run; too many dropped rows fail it here ----
    recordDatasetProblems(store, claim, dataset, req.maxDroppedFraction);
    // ---- end problems ----
    const data = await prepareRunData(config, seed, dataset, join(dataRoot, 'cache'));
    try {
      const outcome = await trainAndEvaluate(req, claim, data, { hash, weightsRoot, progress, runId: run.id });
      return { ...outcome, runId: run.id, status: 'done', configHash: hash, seconds: seconds() };
    } finally {
      data.cache.close();
    }
  } catch (error) {
    store.failRun(claim, error);
    throw error;
  }
}

/** Phases model -> fit -> evaluate -> finish for a claimed run. */
async function trainAndEvaluate(
  req: RunRequest,
  claim: RunClaim,
  data: RunData,
  ctx: { hash: string; weightsRoot: string; progress: ProgressReporter; runId: number },
): Promise<Omit<RunOutcome, 'runId' | 'status' | 'configHash' | 'seconds'>> {
  const { config, seed, store } = req;
  const { progress } = ctx;
  const trainTargets = data.split.train.map((i) => data.targets[i]!);
  const trainMasks = data.masks ? data.split.train.map((i) => data.masks![i]!) : null;
  const loss = buildLoss(config.loss, labelCounts(trainTargets, trainMasks));
  const built = await buildRunModel(config, seed, data.labelNames.length, ctx.weightsRoot);
  const { model } = built;
  const runKey = createHash('sha256').update(`${ctx.hash}:${data.dataset.fingerprint}:${seed}:${req.backend}`).digest('hex').slice(0, 16);
  const checkpointDir = join(ctx.weightsRoot, 'checkpoints', runKey);
  store.updateRunInfo(claim, {
    weights: built.weights,
    params: built.params,
    checkpoint: checkpointDir,
    lossWeights: loss.weights ? Array.from(loss.weights) : null,
    split: { train: data.split.train.length, val: data.split.val.length, test: data.split.test.length },
    dataDir: data.dataset.dataDir,
  });
  const pipeline: PipelineConfig = {
    batchSize: config.batchSize,
    channels: config.image.channels,
    normalization: config.image.normalization,
    augment: config.augment,
    mixup: config.mixup,
    cutmix: config.cutmix,
    oversample: config.sampling.oversample,
  };
  const evalOf = (indices: number[]) =>
    evalBatches({
      cache: data.cache,
      indices,
      targets: data.targets,
      masks: data.masks,
      batchSize: config.evalBatchSize,
      channels: config.image.channels,
      normalization: config.image.normalization,
    });
  const crashAfter = Number(process.env[CRASH_AFTER_EPOCH_ENV] ?? Number.NaN);
  let lastBeat = performance.now();
  const beat = () => {
    if (performance.now() - lastBeat > 30_000) {
      store.heartbeat(claim);
      lastBeat = performance.now();
    }
  };
  try {
    const result = await fit({
      model,
      loss,
      config,
      baseRates: baseLearningRates(config),
      trainBatches: (epoch) =>
        trainBatches({
          cache: data.cache,
          indices: data.split.train,
          targets: data.targets,
          masks: data.masks,
          config: pipeline,
          seed: deriveSeed(seed, 'data'),
          epoch,
        }),
      validate: (m) => {
        const val = predictSplit(m, loss, evalOf(data.split.val));
        return { loss: val.loss, metrics: validationMetrics(val, data.labelNames) };
      },
      setPhase: built.setPhase,
      checkpoint: { dir: checkpointDir, identity: runKey },
      onEpoch: (row) => {
        store.recordEpoch(claim, epochInput(row));
        store.heartbeat(claim);
        lastBeat = performance.now();
      },
      afterCheckpoint: (epoch) => {
        if (epoch === crashAfter) process.exit(137);
      },
      progress: {
        ...progress,
        batch: (step, steps, n) => {
          beat();
          progress.batch(step, steps, n);
        },
      },
    });
    const val = predictSplit(model, loss, evalOf(data.split.val));
    const test = predictSplit(model, loss, evalOf(data.split.test));
    const metrics = runMetrics(val, test, data.labelNames);
    const rawLabels = (indices: number[]) => {
      const k = data.labelNames.length;
      const out = new Float32Array(indices.length * k);
      indices.forEach((i, r) => out.set(data.dataset.records[i]!.labels, r * k));
      return out;
    };
    store.finishRun(claim, {
      metrics: metrics.metrics,
      labelMetrics: metrics.labelMetrics,
      predictions: [
        {
          split: 'val',
          labelNames: data.labelNames,
          rows: val.rows,
          cols: val.cols,
          probabilities: val.probabilities,
          labels: rawLabels(data.split.val),
        },
        {
          split: 'test',
          labelNames: data.labelNames,
          rows: test.rows,
          cols: test.cols,
          probabilities: test.probabilities,
          labels: rawLabels(data.split.test),
        },
      ],
      info: {
        bestEpoch: result.bestEpoch,
        epochs: result.history.length,
        stoppedEarly: result.stoppedEarly,
        resumedEpochs: result.resumedEpochs,
        steps: result.steps,
      },
    });
    await removeCheckpoints(checkpointDir);
    return {
      test: metrics.test,
      bestEpoch: result.bestEpoch,
      epochs: result.history.length,
      resumedEpochs: result.resumedEpochs,
      weights: built.weights,
    };
  } finally {
    model.dispose();
  }
}

/** An epoch row as the store takes it: non-finite metrics (a label without positives) left out. */
function epochInput(row: EpochRow) {
  return {
    epoch: row.epoch,
    trainLoss: row.trainLoss,
    ...(Number.isFinite(row.valLoss) ? { valLoss: row.valLoss } : {}),
    metrics: Object.fromEntries(Object.entries(row.metrics).filter(([, v]) => Number.isFinite(v))),
    learningRates: row.learningRates,
    seconds: row.seconds,
  };
}

let cachedVersion: string | undefined;
/** The code version recorded with a run: $CXR_CODE_VERSION, else the package version. */
function codeVersion(): string {
  cachedVersion ??= process.env.CXR_CODE_VERSION ?? '@cxr/train 0.1.0';
  return cachedVersion;
}
