/** A backend the trainer can ask for; 'auto' tries them in the order of `backendPreference`. */
export type BackendName = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

/** A backend that was actually started. */
export type ResolvedBackendName = Exclude<BackendName, 'auto'>;

/**
 * Fastest first: native TensorFlow with CUDA, native TensorFlow, tfjs' WebGPU backend through Dawn
 * (for 'auto' only on a hardware adapter), wasm (XNNPACK), pure JS.
 */
export const backendPreference: readonly ResolvedBackendName[] = ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

export const backendNames: readonly BackendName[] = ['auto', ...backendPreference];
