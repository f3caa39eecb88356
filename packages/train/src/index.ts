/**
 * Public entry of @cxr/train: backend selection and wasm training kernels (./backend), losses,
 * optimisers, schedules, the seeded run, checkpoints and pretraining.
 */
export * from './backend/index.ts';
export * from './errors.ts';
export * from './losses/index.ts';
export * from './optim/index.ts';
export * from './schedule/index.ts';
export * from './config/index.ts';
export * from './run/index.ts';
export * from './pretrain/index.ts';
