export { Rng, createRng, rngFromState, type RngState } from './rng.ts';
export { deriveSeed } from '@cxr/core';
