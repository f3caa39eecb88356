export { Rng, createRng, rngFromState, deriveSeed, type RngState } from './rng.ts';
