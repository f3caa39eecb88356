/**
 * Public entry of @cxr/core: the small leaf every package may import - the error base class and
 * how messages print values, the recoverable-problem record and sink, seed derivation, whether a
 * process is still running and the temp names that say who writes them.
 */
export { CxrError, argumentMessage } from './cxr-error.ts';
export { describeValue, detail, ReceivedDetail } from './describe-value.ts';
export { collectProblems, countProblems, type Problem, type ProblemSink } from './problem.ts';
export { deriveSeed, layerSeed, rngSeedState, splitmix32, xoshiro128ss, type SeedState } from './seeds.ts';
export { isProcessRunning, parseProcStat, pidNamespace, processStartTicks, readProcStat, type ProcStat } from './process-liveness.ts';
export { isAbandonedTemp, removeAbandonedTemps, tempNameWriter, tempPathFor } from './temp-names.ts';
export { csvField, toCsv } from './csv-field.ts';
