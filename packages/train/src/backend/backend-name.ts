/** A backend the trainer can ask for; 'auto' tries them in the order of `backendPreference`. */
export type BackendName = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** A backend that was actually started. */
export type ResolvedBackendName = Exclude<BackendName, 'auto'>;

/** Fastest first: native TensorFlow with CUDA, native TensorFlow, wasm (XNNPACK), pure JS. */
export const backendPreference: readonly ResolvedBackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export const backendNames: readonly BackendName[] = ['auto', ...backendPreference];
