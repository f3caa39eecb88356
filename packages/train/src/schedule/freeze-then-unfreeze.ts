import { z } from 'zod';
import { TrainArgumentError } from '../errors.ts';

/**
 * Freeze-then-unfreeze (seed 001, section 3.1.3): train the head alone for `headOnlyEpochs`, then
 * unfreeze the top of the backbone (the configured unfreeze fraction) and scale the learning rate
 * and weight decay by `factor`, never below `minLr`.
 */
export const FREEZE_THEN_UNFREEZE_CONFIG_SCHEMA = z.strictObject({
  headOnlyEpochs: z.int().min(0),
  /** Seed 001: 0.1. */
  factor: z.number().gt(0).max(1),
  /** Seed 001: 1e-6. */
  minLr: z.number().min(0),
});
export type FreezeThenUnfreezeConfig = z.infer<typeof FREEZE_THEN_UNFREEZE_CONFIG_SCHEMA>;

export type TrainingPhase = 'head-only' | 'unfrozen';

/**
 * Which phase a 0-based epoch is in and the factor on learning rates and weight decay.
 *
 * @throws TrainArgumentError on a negative or fractional headOnlyEpochs.
 * @example freezePhase({headOnlyEpochs: 3, factor: 0.1, minLr: 1e-6}, 3) // {phase: 'unfrozen', factor: 0.1}
 */
export function freezePhase(config: FreezeThenUnfreezeConfig | null, epoch: number): { phase: TrainingPhase; factor: number } {
  if (!config) return { phase: 'unfrozen', factor: 1 };
  if (!(Number.isInteger(config.headOnlyEpochs) && config.headOnlyEpochs >= 0)) {
    throw new TrainArgumentError('freezePhase', 'config.headOnlyEpochs', 'an integer >= 0', config.headOnlyEpochs);
  }
  return epoch < config.headOnlyEpochs ? { phase: 'head-only', factor: 1 } : { phase: 'unfrozen', factor: config.factor };
}
