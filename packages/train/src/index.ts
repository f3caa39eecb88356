/**
 * Public entry of @cxr/train: backend selection and wasm training kernels (./backend), losses,
 * optimisers, schedules, the seeded run, checkpoints and pretraining.
 */
export * from './backend/index.ts';
