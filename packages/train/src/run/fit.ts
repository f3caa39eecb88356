import type * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config/run-config.ts';
import type { BoundLoss } from '../losses/registry.ts';
import { GroupedAdam } from '../optim/grouped-adam.ts';
import { earlyStoppingStep, initialEarlyStoppingState } from '../schedule/early-stopping.ts';
import type { TrainingPhase } from '../schedule/freeze-then-unfreeze.ts';
import { epochRates } from '../schedule/learning-rates.ts';
import { initialPlateauState, plateauStep, type MonitorMode } from '../schedule/plateau.ts';
import { readCheckpoint, writeCheckpoint, type EpochRow, type TrainingState } from './checkpoint.ts';
import { restoreWeights, snapshotWeights } from '../step/model-variables.ts';
import { throwIfInterrupted } from './interruption.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import { disposeBatch, setDropoutStep, trainStep, type StepBatch } from '../step/train-step.ts';
import { monitoredValue } from '../schedule/monitor.ts';

/** What the validation pass of an epoch returns. */
export interface ValidationResult {
  loss: number;
  /** Must include 'macro_auc_roc' when a monitor is val_macro_auc, 'macro_f1' when one is val_macro_f1. */
  metrics: Record<string, number>;
}

export interface FitOptions {
  model: tf.LayersModel;
  loss: BoundLoss;
  config: Pick<RunConfig, 'optimizer' | 'schedule' | 'epochs' | 'stepsPerEpoch'>;
  baseRates: { head: number; backbone: number };
  /** The training batches of a 0-based epoch; must depend only on (run, epoch) so a resume sees the same ones. */
  trainBatches(epoch: number): Iterable<StepBatch & { indices?: number[] }>;
  /** How many batches trainBatches(epoch) yields, known before it starts (progress i/N and ETAs); absent = unknown. */
  epochSteps?(epoch: number): number;
  validate(model: tf.LayersModel): Promise<ValidationResult> | ValidationResult;
  /** Sets layer trainability for a phase (head only, or the configured unfrozen fraction). */
  setPhase(phase: TrainingPhase): void;
  /** Where the run's checkpoints live and the identity they must carry; null = no checkpoints. */
  checkpoint: { dir: string; identity: string } | null;
  /** Called for each finished epoch, in order (again for epochs restored from a checkpoint). */
  onEpoch?(row: EpochRow, restored: boolean): void | Promise<void>;
  /** Called after each checkpoint is written (the crash-test hook lives here). */
  afterCheckpoint?(epoch: number): void | Promise<void>;
  progress?: ProgressReporter;
  /** Checked before each epoch and after each batch: once aborted, fit throws TrainInterruptedError (the last checkpoint stays). */
  signal?: AbortSignal;
}

export interface FitResult {
  history: EpochRow[];
  /** 1-based epoch whose weights the model holds at the end (the last one without early stopping). */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Epochs restored from a checkpoint (0 on a fresh start). */
  resumedEpochs: number;
  steps: number;
}

/**
 * Trains with per-epoch validation: for each epoch, learning rates from the schedules (ramp,
 * plateau, freeze phase), training steps over the epoch's batches, validation, ReduceLROnPlateau
 * on the monitored metric, early stopping and the best weights on `schedule.bestBy` (default: the
 * monitor), a checkpoint; at the end the best epoch's weights
 * are restored (when early stopping is configured). Resumes from the latest checkpoint when one
 * exists, and ends with the same weights as an uninterrupted fit.
 *
 * @throws TrainInterruptedError once `opts.signal` is aborted (checked between batches).
 *
 * @example const result = await fit({ model, loss, config, baseRates, trainBatches, validate, setPhase, checkpoint: null });
 */
export async function fit(opts: FitOptions): Promise<FitResult> {
  const { model, config } = opts;
  const progress = opts.progress ?? silentProgress;
  const mode: MonitorMode = config.schedule.monitor === 'val_loss' ? 'min' : 'max';
  const bestBy = config.schedule.bestBy ?? config.schedule.monitor;
  const bestMode: MonitorMode = bestBy === 'val_loss' ? 'min' : 'max';
  const optimizer = new GroupedAdam({ beta1: config.optimizer.beta1, beta2: config.optimizer.beta2, epsilon: config.optimizer.epsilon });
  const weightDecay = config.optimizer.name === 'adamw' ? config.optimizer.weightDecay : 0;
  const base = {
    lrHead: opts.baseRates.head,
    lrBackbone: opts.baseRates.backbone,
    weightDecay,
    minLr: config.schedule.plateau?.minLr ?? 0,
    ramp: config.schedule.rampup,
    freeze: config.schedule.freezeThenUnfreeze,
  };
  let state: TrainingState = {
    epochsDone: 0,
    stepsDone: 0,
    plateau: initialPlateauState(),
    earlyStopping: initialEarlyStoppingState(),
    history: [],
  };
  let best: Float32Array[] | null = null;
  try {
    const saved = opts.checkpoint ? await readCheckpoint(opts.checkpoint.dir, opts.checkpoint.identity) : undefined;
    if (saved) {
      restoreWeights(model, saved.weights);
      optimizer.setState(saved.optimizer);
      state = saved.state;
      best = saved.best;
      progress.message(`resuming after epoch ${state.epochsDone} from ${opts.checkpoint!.dir}`);
      for (const row of state.history) await opts.onEpoch?.(row, true);
    }
    const resumedEpochs = state.epochsDone;
    for (let e = state.epochsDone; e < config.epochs && !state.earlyStopping.stop; e++) {
      throwIfInterrupted(opts.signal, state.epochsDone);
      const started = performance.now();
      const rates = epochRates(base, e, state.plateau.multiplier);
      opts.setPhase(rates.phase);
      setDropoutStep(model, state.stepsDone);
      const maxSteps = config.stepsPerEpoch ?? Number.POSITIVE_INFINITY;
      // The epoch's real length: the sampler's batch count, capped by stepsPerEpoch (0 = unknown).
      const planned = Math.min(opts.epochSteps?.(e) ?? maxSteps, maxSteps);
      const known = Number.isFinite(planned) ? planned : 0;
      progress.epochStart(e + 1, config.epochs, known, { mayStopEarly: config.schedule.earlyStopping != null });
      let lossSum = 0;
      let seen = 0;
      let steps = 0;
      for (const batch of opts.trainBatches(e)) {
        const n = batch.xs.shape[0];
        try {
          lossSum += (await trainStep(model, optimizer, opts.loss, batch, rates)) * n;
          seen += n;
        } finally {
          disposeBatch(batch);
        }
        steps++;
        progress.batch(steps, known, n);
        throwIfInterrupted(opts.signal, state.epochsDone);
        if (steps >= maxSteps) break;
      }
      const val = await opts.validate(model);
      const monitored = monitoredValue(config.schedule.monitor, val);
      const epoch = e + 1;
      const plateau = config.schedule.plateau ? plateauStep(config.schedule.plateau, state.plateau, monitored, mode) : state.plateau;
      let earlyStopping = state.earlyStopping;
      if (config.schedule.earlyStopping) {
        earlyStopping = earlyStoppingStep(config.schedule.earlyStopping, state.earlyStopping, epoch, monitoredValue(bestBy, val), bestMode);
        if (earlyStopping.bestEpoch === epoch) best = await snapshotWeights(model);
      }
      const row: EpochRow = {
        epoch,
        trainLoss: seen > 0 ? lossSum / seen : Number.NaN,
        valLoss: val.loss,
        metrics: val.metrics,
        learningRates: { head: rates.head, backbone: rates.backbone },
        seconds: (performance.now() - started) / 1000,
      };
      state = { epochsDone: epoch, stepsDone: state.stepsDone + steps, plateau, earlyStopping, history: [...state.history, row] };
      const auc = val.metrics['macro_auc_roc'];
      progress.epochEnd(
        epoch,
        `loss ${row.trainLoss.toFixed(4)} val_loss ${row.valLoss.toFixed(4)}${auc === undefined ? '' : ` val_auc ${auc.toFixed(4)}`}`,
      );
      if (opts.checkpoint) {
        await writeCheckpoint(opts.checkpoint.dir, opts.checkpoint.identity, {
          state,
          weights: await snapshotWeights(model),
          best,
          optimizer: await optimizer.getState(),
        });
      }
      await opts.onEpoch?.(row, false);
      await opts.afterCheckpoint?.(epoch);
    }
    let bestEpoch = state.epochsDone;
    if (config.schedule.earlyStopping && best) {
      restoreWeights(model, best);
      bestEpoch = state.earlyStopping.bestEpoch;
    }
    return { history: state.history, bestEpoch, stoppedEarly: state.earlyStopping.stop, resumedEpochs, steps: state.stepsDone };
  } finally {
    optimizer.dispose();
  }
}
