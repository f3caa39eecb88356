// Layer 1 of @cxr/train, the bottom: backend selection and the wasm training kernels (issue 8);
// re-exported by ../index.ts. Imports nothing of step/, run/ or bench/ (eslint.config.mjs).
export type { BackendName, ResolvedBackendName } from './backend-name.ts';
export { backendNames, backendPreference } from './backend-name.ts';
export { BackendError } from './backend-error.ts';
export {
  selectBackend,
  backendChoiceLines,
  wasmDistDir,
  type SelectedBackend,
  type SelectBackendOptions,
  type SkippedBackend,
} from './select-backend.ts';
export { quietTfjsBanner } from './quiet-tfjs.ts';
export { registerWasmTrainingKernels, wasmTrainingKernels, type WasmKernelSet } from './wasm/register.ts';
export { runOnBackend } from './run-on-backend.ts';
export { backendVersions } from './backend-versions.ts';
export { formatAdapter, describeAdapter, type GpuAdapterDescription } from './webgpu/dawn-adapter.ts';
export { webgpuAdapter } from './webgpu/start-webgpu.ts';
