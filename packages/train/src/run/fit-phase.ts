import { deriveSeed, epochSteps, trainBatches, type PipelineConfig } from '@cxr/data';
import type { RunClaim } from '@cxr/results';
import { baseLearningRates } from '../config/base-rates.ts';
import type { EpochRow } from './checkpoint.ts';
import type { RunData } from './data-phase.ts';
import { runEvalBatches } from './evaluate-phase.ts';
import { predictSplit, validationMetrics } from './evaluate.ts';
import type { ThresholdProcedure } from '../schedule/class-thresholds.ts';
import { fit, type FitResult } from './fit.ts';
import { throttledHeartbeat } from './heartbeat.ts';
import { trainingSplit } from './training-split.ts';
import type { ModelPhaseResult } from './model-phase.ts';
import type { ResolvedRun } from './resolve-phase.ts';

/** Between epochs the run's heartbeat goes out at most this often (ms), so a live run is not taken over. */
export const HEARTBEAT_EVERY_MS = 30_000;

/**
 * Fit phase of a claimed run: fit() over the run's training batches (seeded stream 'data': order,
 * oversampling or weighted random sampling, augmentation, mixing per epoch), validated on the validation split each epoch, with
 * the run's checkpoint location (resumes from it). Each finished epoch (again for epochs restored
 * from a checkpoint) is recorded in the store with a heartbeat; during an epoch the heartbeat goes
 * out at most every HEARTBEAT_EVERY_MS. After each checkpoint the run's `afterCheckpoint` hook runs.
 *
 * @throws what fit throws (a checkpoint of another run, a non-finite loss from the optimiser).
 * @example const result = await fitRun(run, claim, data, await modelPhase(run, claim, data)); result.bestEpoch // 2
 */
export async function fitRun(run: ResolvedRun, claim: RunClaim, data: RunData, m: ModelPhaseResult): Promise<FitResult> {
  const { config, store, progress } = run;
  const pipeline: PipelineConfig = {
    batchSize: config.batchSize,
    channels: config.image.channels,
    normalization: config.image.normalization,
    augment: config.augment,
    mixup: config.mixup,
    cutmix: config.cutmix,
    oversample: config.sampling.oversample,
    weighted: config.sampling.weighted ?? null,
  };
  const seed = deriveSeed(run.seed, 'data');
  // Seed 000: the training split balanced afresh each epoch (trainKeep can move its size by a few
  // entries, so steps are asked per epoch); fit asks for the steps and then the batches of an
  // epoch, so the last epoch's entries are kept rather than balanced twice.
  let last: { epoch: number; entries: ReturnType<typeof trainingSplit> } | null = null;
  const trainEntries = (epoch: number) => {
    if (last?.epoch !== epoch) last = { epoch, entries: trainingSplit(config, data, run.seed, epoch) };
    return last.entries;
  };
  const procedure = validationProcedure(config);
  const heartbeat = throttledHeartbeat(() => store.heartbeat(claim), HEARTBEAT_EVERY_MS);
  return fit({
    model: m.model.model,
    loss: m.loss,
    config,
    baseRates: baseLearningRates(config),
    trainBatches: (epoch) =>
      trainBatches({
        cache: data.cache,
        ...trainEntries(epoch),
        targets: data.targets,
        masks: data.masks,
        tabular: data.tabular,
        config: pipeline,
        seed,
        epoch,
      }),
    epochSteps: (epoch) => epochSteps({ indices: trainEntries(epoch).indices, targets: data.targets, config: pipeline }),
    validate: async (model) => {
      const val = await predictSplit(model, m.loss, runEvalBatches(config, data, data.split.val));
      return { loss: val.loss, metrics: validationMetrics(val, data.labelNames, procedure, config.thresholdMinPrecision) };
    },
    setPhase: m.model.setPhase,
    checkpoint: m.checkpoint,
    onEpoch: (row) => {
      store.recordEpoch(claim, epochInput(row));
      heartbeat.send();
    },
    ...(run.signal ? { signal: run.signal } : {}),
    afterCheckpoint: (epoch) => run.hooks.afterCheckpoint?.(epoch),
    progress: {
      ...progress,
      batch: (step, steps, n) => {
        heartbeat.tick();
        progress.batch(step, steps, n);
      },
    },
  });
}

/**
 * The threshold procedure of the per-epoch validation metrics: the config's `thresholds`, else
 * 'dynamic' (seed 000's choice) when a monitor reads val_macro_f1, else none.
 *
 * @example validationProcedure({ ...config, thresholds: null, schedule: { ...config.schedule, bestBy: 'val_macro_f1' } }) // 'dynamic'
 */
export function validationProcedure(config: Pick<ResolvedRun['config'], 'thresholds' | 'schedule'>): ThresholdProcedure | null {
  if (config.thresholds) return config.thresholds;
  const { monitor, bestBy } = config.schedule;
  return monitor === 'val_macro_f1' || bestBy === 'val_macro_f1' ? 'dynamic' : null;
}

/**
 * An epoch row as the store takes it: non-finite metrics (a label without positives) and a
 * non-finite validation loss left out.
 *
 * @example epochInput({ epoch: 1, trainLoss: 0.7, valLoss: NaN, metrics: { macro_auc_roc: NaN }, learningRates, seconds: 1 }) // { epoch: 1, trainLoss: 0.7, metrics: {}, learningRates, seconds: 1 }
 */
export function epochInput(row: EpochRow) {
  return {
    epoch: row.epoch,
    trainLoss: row.trainLoss,
    ...(Number.isFinite(row.valLoss) ? { valLoss: row.valLoss } : {}),
    metrics: Object.fromEntries(Object.entries(row.metrics).filter(([, v]) => Number.isFinite(v))),
    learningRates: row.learningRates,
    seconds: row.seconds,
  };
}
