/**
 * Public entry of @cxr/train, in layers (each imports only those below it; eslint.config.mjs
 * enforces it): ./backend (backend selection, wasm training kernels) -> ./step with ./optim,
 * ./losses, ./schedule (one training step and what it uses) -> ./run (the seeded run in phases,
 * checkpoints) and ./pretrain; ./config holds the run configuration. The benchmarks (./bench) sit on
 * top and have their own entry, `@cxr/train/bench`.
 */
export * from './backend/index.ts';
export * from './errors.ts';
export * from './losses/index.ts';
export * from './optim/index.ts';
export * from './schedule/index.ts';
export * from './config/index.ts';
export * from './step/index.ts';
export * from './run/index.ts';
export * from './pretrain/index.ts';
