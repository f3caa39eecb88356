/**
 * Public entry of @cxr/core: the small leaf every package may import - the error base class and
 * how messages print values, the recoverable-problem record and sink, and seed derivation.
 */
export { CxrError, argumentMessage } from './cxr-error.ts';
export { describeValue, detail, ReceivedDetail } from './describe-value.ts';
export { collectProblems, countProblems, type Problem, type ProblemSink } from './problem.ts';
export { deriveSeed, layerSeed, rngSeedState, splitmix32, xoshiro128ss, type SeedState } from './seeds.ts';
