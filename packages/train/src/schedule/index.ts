export * from './plateau.ts';
export * from './early-stopping.ts';
export * from './ramp-schedule.ts';
export * from './freeze-then-unfreeze.ts';
export * from './learning-rates.ts';
export * from './monitor.ts';
export * from './class-thresholds.ts';
