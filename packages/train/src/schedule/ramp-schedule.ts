import { z } from 'zod';
import { TrainArgumentError } from '../errors.ts';

/**
 * Ramp-up / sustain / exponential-decay schedule (seed 004, "build_lrfn"), expressed as factors of
 * the configured learning rate, which plays lr_max: lr_start = startFactor·lr, lr_min = minFactor·lr.
 */
export const RAMP_SCHEDULE_CONFIG_SCHEMA = z.strictObject({
  startFactor: z.number().min(0),
  minFactor: z.number().min(0),
  rampupEpochs: z.int().min(0),
  sustainEpochs: z.int().min(0),
  /** lr_exp_decay: per-epoch decay of (lr_max - lr_min) after the sustain period. */
  decay: z.number().gt(0).max(1),
});
export type RampScheduleConfig = z.infer<typeof RAMP_SCHEDULE_CONFIG_SCHEMA>;

/**
 * The learning-rate factor for a 0-based epoch:
 * epoch < R: start + (1 - start)·epoch/R; R <= epoch < R+S: 1; later: (1 - min)·decay^(epoch-R-S) + min.
 *
 * @throws TrainArgumentError on a negative epoch or a decay outside (0, 1].
 * @example rampFactor({startFactor: 0.1, minFactor: 0.01, rampupEpochs: 2, sustainEpochs: 1, decay: 0.5}, 1) // 0.55
 */
export function rampFactor(config: RampScheduleConfig, epoch: number): number {
  if (!(Number.isInteger(epoch) && epoch >= 0)) throw new TrainArgumentError('rampFactor', 'epoch', 'an integer >= 0', epoch);
  if (!(config.decay > 0 && config.decay <= 1))
    throw new TrainArgumentError('rampFactor', 'config.decay', 'a number in (0, 1]', config.decay);
  const { rampupEpochs: r, sustainEpochs: s } = config;
  if (epoch < r) return config.startFactor + ((1 - config.startFactor) * epoch) / r;
  if (epoch < r + s) return 1;
  return (1 - config.minFactor) * Math.pow(config.decay, epoch - r - s) + config.minFactor;
}
