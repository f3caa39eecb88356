// Layer 3 of @cxr/train: the phases of one run and the orchestrator that runs them. Imports
// nothing of bench/.
export * from './checkpoint.ts';
export * from './progress.ts';
export * from './heartbeat.ts';
export * from './fit.ts';
export * from './resolve-phase.ts';
export * from './data-phase.ts';
export * from './claim-phase.ts';
export * from './model-phase.ts';
export * from './fit-phase.ts';
export * from './evaluate.ts';
export * from './evaluate-phase.ts';
export * from './finish-phase.ts';
export * from './run-request.ts';
export { runExperiment } from './run-experiment.ts';
export * from './interruption.ts';
export * from './problems-phase.ts';
export * from './run-model-dir.ts';
export * from './save-run-model.ts';
export * from './load-run-model.ts';
export * from './preprocess-image-file.ts';
export * from './predict-probabilities.ts';
