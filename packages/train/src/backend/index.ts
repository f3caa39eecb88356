// Backend selection and the wasm training kernels (issue 8); re-exported by ../index.ts.
export type { BackendName, ResolvedBackendName } from './backend-name.ts';
export { backendNames, backendPreference } from './backend-name.ts';
export { BackendError } from './backend-error.ts';
export { selectBackend, wasmDistDir, type SelectedBackend, type SelectBackendOptions } from './select-backend.ts';
export { registerWasmTrainingKernels, wasmTrainingKernels, type WasmKernelSet } from './wasm/register.ts';
export {
  measureThroughput,
  defaultFlopsPerSecond,
  type ThroughputCell,
  type ThroughputOptions,
  type BenchMode,
} from './bench/measure-throughput.ts';
export { runThroughputGrid, measureInChild, availableBackends, benchBackbones, type GridOptions } from './bench/throughput-grid.ts';
export { formatThroughputTable } from './bench/format-table.ts';
export { profileStep, formatProfile, type StepProfile, type KernelProfileRow } from './bench/profile-step.ts';
export { makeTrainStep, makeForwardStep, type BenchStepOptions } from './bench/train-step.ts';
export { runOnBackend } from './run-on-backend.ts';
