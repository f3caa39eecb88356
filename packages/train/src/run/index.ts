export * from './model-variables.ts';
export * from './train-step.ts';
export * from './checkpoint.ts';
export * from './progress.ts';
export * from './fit.ts';
export * from './model-phase.ts';
export * from './evaluate.ts';
