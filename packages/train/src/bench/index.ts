/**
 * The `@cxr/train/bench` entry, layer 4 of @cxr/train (above the run): throughput of the trainer's
 * own step per backbone, size and backend (issue 8), each cell in its own process, with per-kernel
 * profiles. Not part of the public entry `@cxr/train`; nothing below bench/ imports it.
 */
export {
  measureThroughput,
  defaultFlopsPerSecond,
  estimateCellSeconds,
  cellFlopsPerStep,
  CELL_START_SECONDS,
  type ThroughputCell,
  type ThroughputOptions,
  type BenchMode,
} from './measure-throughput.ts';
export {
  runThroughputGrid,
  planThroughputGrid,
  formatGridPlan,
  formatCellLine,
  measureInChild,
  availableBackends,
  benchBackbones,
  type GridOptions,
  type GridPlan,
  type CellProgress,
} from './throughput-grid.ts';
export { formatThroughputTable } from './format-table.ts';
export { profileStep, formatProfile, type StepProfile, type KernelProfileRow } from './profile-step.ts';
export { makeTrainStep, makeForwardStep, type BenchStepOptions } from './fixed-batch-step.ts';
