import type { FreezeThenUnfreezeConfig } from './freeze-then-unfreeze.ts';
import { freezePhase, type TrainingPhase } from './freeze-then-unfreeze.ts';
import { rampFactor, type RampScheduleConfig } from './ramp-schedule.ts';

/** The learning rates and weight decay in force for one epoch. */
export interface EpochRates {
  head: number;
  backbone: number;
  weightDecay: number;
  phase: TrainingPhase;
}

/**
 * Composes the schedules for a 0-based epoch: base rate × ramp factor × plateau multiplier ×
 * freeze-phase factor, each rate clamped below by `minLr` (but never raised above its base).
 *
 * @example epochRates({lrHead: 1e-3, lrBackbone: 1e-4, weightDecay: 0, minLr: 1e-6, ramp: null, freeze: null}, 0, 0.1)
 * // {head: 1e-4, backbone: 1e-5, weightDecay: 0, phase: 'unfrozen'}
 */
export function epochRates(
  base: {
    lrHead: number;
    lrBackbone: number;
    weightDecay: number;
    minLr: number;
    ramp: RampScheduleConfig | null;
    freeze: FreezeThenUnfreezeConfig | null;
  },
  epoch: number,
  plateauMultiplier: number,
): EpochRates {
  const { phase, factor: freezeFactor } = freezePhase(base.freeze, epoch);
  const ramp = base.ramp ? rampFactor(base.ramp, epoch) : 1;
  const minLr = Math.max(base.minLr, base.freeze && phase === 'unfrozen' ? base.freeze.minLr : 0);
  const scale = ramp * plateauMultiplier * freezeFactor;
  const clamp = (lr: number) => Math.min(lr, Math.max(lr * scale, minLr));
  return { head: clamp(base.lrHead), backbone: clamp(base.lrBackbone), weightDecay: base.weightDecay * freezeFactor, phase };
}
