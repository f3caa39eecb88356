import { z } from 'zod';
import { TrainArgumentError } from '../errors.ts';

/** ReduceLROnPlateau settings (Keras semantics). */
export const PLATEAU_CONFIG_SCHEMA = z.strictObject({
  /** Multiplier applied to the learning rates on a plateau (Keras default 0.1). */
  factor: z.number().gt(0).max(1),
  /** Epochs without improvement before reducing (thesis: 8). */
  patience: z.int().min(0),
  /** Smallest change that counts as an improvement (Keras default 1e-4). */
  minDelta: z.number().min(0),
  /** Epochs to wait after a reduction before counting again. */
  cooldown: z.int().min(0),
  /** Learning rates never go below this. */
  minLr: z.number().min(0),
});
export type PlateauConfig = z.infer<typeof PLATEAU_CONFIG_SCHEMA>;

/** Serialisable plateau state; `multiplier` is the product of the reductions so far. */
export interface PlateauState {
  best: number | null;
  wait: number;
  cooldown: number;
  multiplier: number;
}

export type MonitorMode = 'max' | 'min';

export const DEFAULT_PLATEAU: PlateauConfig = { factor: 0.1, patience: 8, minDelta: 1e-4, cooldown: 0, minLr: 1e-6 };

export function initialPlateauState(): PlateauState {
  return { best: null, wait: 0, cooldown: 0, multiplier: 1 };
}

/**
 * One end-of-epoch step of ReduceLROnPlateau (same rules as tf.keras.callbacks.ReduceLROnPlateau):
 * an improvement beyond minDelta resets the wait; otherwise, outside cooldown, the wait grows and at
 * `patience` the multiplier is scaled by `factor`. A NaN metric never counts as an improvement.
 * Pure: returns the new state.
 *
 * @throws TrainArgumentError on factor outside (0, 1) or a negative patience.
 * @example plateauStep(DEFAULT_PLATEAU, initialPlateauState(), 0.7, 'max') // {best: 0.7, wait: 0, cooldown: 0, multiplier: 1}
 */
export function plateauStep(config: PlateauConfig, state: PlateauState, value: number, mode: MonitorMode): PlateauState {
  if (!(config.factor > 0 && config.factor < 1))
    throw new TrainArgumentError('plateauStep', 'config.factor', 'a number in (0, 1)', config.factor);
  if (!(Number.isInteger(config.patience) && config.patience >= 0))
    throw new TrainArgumentError('plateauStep', 'config.patience', 'an integer >= 0', config.patience);
  const next = { ...state };
  if (next.cooldown > 0) {
    next.cooldown -= 1;
    next.wait = 0;
  }
  if (improves(value, state.best, config.minDelta, mode)) {
    next.best = value;
    next.wait = 0;
  } else if (next.cooldown === 0) {
    next.wait += 1;
    if (next.wait >= config.patience) {
      next.multiplier = state.multiplier * config.factor;
      next.cooldown = config.cooldown;
      next.wait = 0;
    }
  }
  return next;
}

/** True when `value` beats `best` by more than `minDelta` in the monitor's direction. */
export function improves(value: number, best: number | null, minDelta: number, mode: MonitorMode): boolean {
  if (Number.isNaN(value)) return false;
  if (best === null) return true;
  return mode === 'max' ? value > best + minDelta : value < best - minDelta;
}
