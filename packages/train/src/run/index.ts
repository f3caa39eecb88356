// Layer 3 of @cxr/train: the phases of one run and the orchestrator that runs them. Imports
// nothing of bench/.
export * from './checkpoint.ts';
export * from './progress.ts';
export * from './fit.ts';
export * from './model-phase.ts';
export * from './evaluate.ts';
export * from './data-phase.ts';
export * from './run-experiment.ts';
