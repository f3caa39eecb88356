// Backend selection and the wasm training kernels (issue 8); re-exported by ../index.ts.
export type { BackendName, ResolvedBackendName } from './backend-name.ts';
export { backendNames, backendPreference } from './backend-name.ts';
export { BackendError } from './backend-error.ts';
export { selectBackend, wasmDistDir, type SelectedBackend } from './select-backend.ts';
export { registerWasmTrainingKernels, wasmTrainingKernels } from './wasm/register.ts';
