import { z } from 'zod';
import { TrainArgumentError } from '../errors.ts';
import { improves, type MonitorMode } from './plateau.ts';

/** Early stopping settings (Keras semantics, restore_best_weights=True). */
export const EARLY_STOPPING_CONFIG_SCHEMA = z.strictObject({
  /** Epochs without improvement before stopping (thesis: 20). */
  patience: z.int().min(1),
  minDelta: z.number().min(0),
});
export type EarlyStoppingConfig = z.infer<typeof EARLY_STOPPING_CONFIG_SCHEMA>;

export interface EarlyStoppingState {
  best: number | null;
  /** 1-based epoch that reached `best`; 0 before any. */
  bestEpoch: number;
  wait: number;
  stop: boolean;
}

export const DEFAULT_EARLY_STOPPING: EarlyStoppingConfig = { patience: 20, minDelta: 0 };

export function initialEarlyStoppingState(): EarlyStoppingState {
  return { best: null, bestEpoch: 0, wait: 0, stop: false };
}

/**
 * One end-of-epoch step of early stopping: an improvement records the epoch (whose weights the
 * trainer keeps as the best); `patience` epochs without one set `stop`. Pure.
 *
 * @throws TrainArgumentError on a negative or fractional patience.
 * @example earlyStoppingStep(DEFAULT_EARLY_STOPPING, initialEarlyStoppingState(), 1, 0.6, 'max').bestEpoch // 1
 */
export function earlyStoppingStep(
  config: EarlyStoppingConfig,
  state: EarlyStoppingState,
  epoch: number,
  value: number,
  mode: MonitorMode,
): EarlyStoppingState {
  if (!(Number.isInteger(config.patience) && config.patience >= 1))
    throw new TrainArgumentError('earlyStoppingStep', 'config.patience', 'an integer >= 1', config.patience);
  if (improves(value, state.best, config.minDelta, mode)) return { best: value, bestEpoch: epoch, wait: 0, stop: false };
  const wait = state.wait + 1;
  return { ...state, wait, stop: wait >= config.patience };
}
