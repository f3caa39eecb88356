// Picks and starts the tfjs backend for a run: native TensorFlow (GPU, then CPU) when its optional
// package is installed, else wasm with this project's training kernels, else the pure-JS cpu one.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendError } from './backend-error.ts';
import { backendNames, backendPreference, type BackendName, type ResolvedBackendName } from './backend-name.ts';
import { registerWasmTrainingKernels, type WasmKernelSet } from './wasm/register.ts';

export interface SelectedBackend {
  /** The backend started. */
  backend: ResolvedBackendName;
  /** tfjs' own name for it (tf.getBackend()): 'tensorflow' for both native ones. */
  tfBackend: string;
  /** Backends tried before it and why each was not used (only for 'auto'). */
  skipped: { name: string; reason: string }[];
}

export interface SelectBackendOptions {
  /** Which of this project's wasm kernels to register (default 'all'; 'required' for baselines). */
  wasmKernels?: WasmKernelSet;
}

/** Native packages are optional (their install downloads libtensorflow): import by variable. */
const nativePackage: Record<'tensorflow-gpu' | 'tensorflow', string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

/**
 * Starts the requested tfjs backend and makes it current. 'auto' tries tfjs-node-gpu, tfjs-node,
 * wasm, cpu in that order and logs what it got and why the others were skipped. Selecting wasm
 * points it at the package's own .wasm files (no network) and registers the training kernels.
 * `options.wasmKernels: 'required'` registers only what training needs (benchmark baseline).
 * Throws BackendError for an unknown name, or when an explicitly requested backend cannot start.
 * @example await selectBackend('auto', console.log)
 * // -> { backend: 'wasm', tfBackend: 'wasm', skipped: [{ name: 'tensorflow-gpu', reason: ... }, ...] }
 */
export async function selectBackend(
  requested: BackendName,
  log: (line: string) => void = () => {},
  options: SelectBackendOptions = {},
): Promise<SelectedBackend> {
  if (!backendNames.includes(requested)) {
    throw new BackendError('selectBackend', 'requested', `one of ${backendNames.join(', ')}`, JSON.stringify(requested));
  }
  const candidates = requested === 'auto' ? backendPreference : [requested];
  const skipped: { name: string; reason: string }[] = [];
  for (const name of candidates) {
    try {
      const tfBackend = await startBackend(name, options.wasmKernels ?? 'all');
      const why = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
      log(`backend: ${name} (tfjs '${tfBackend}')${skipped.length ? ` - skipped ${why}` : ''}`);
      return { backend: name, tfBackend, skipped };
    } catch (error) {
      const reason = firstLine(error);
      if (requested !== 'auto') {
        throw new BackendError('selectBackend', 'requested', `a backend that starts here`, `'${name}' (${reason})`);
      }
      skipped.push({ name, reason });
    }
  }
  // cpu is pure JS and always starts; reaching here means tfjs itself is broken.
  throw new BackendError('selectBackend', 'requested', 'a backend that starts here', `'auto' (all failed)`);
}

async function startBackend(name: ResolvedBackendName, wasmKernels: WasmKernelSet): Promise<string> {
  if (name === 'tensorflow-gpu' || name === 'tensorflow') {
    const spec = nativePackage[name];
    await import(spec);
    if (!(await tf.setBackend('tensorflow'))) throw new Error(`${spec} loaded but backend 'tensorflow' did not start`);
    if (name === 'tensorflow-gpu' && !gpuVisible()) throw new Error(`${spec} loaded but TensorFlow sees no GPU`);
    return tf.getBackend();
  }
  if (name === 'wasm') {
    setWasmPaths(wasmDistDir());
    if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not initialise');
    registerWasmTrainingKernels(wasmKernels);
    return tf.getBackend();
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('cpu backend did not initialise');
  return tf.getBackend();
}

/** The dist/ folder of the installed @tensorflow/tfjs-backend-wasm, with a trailing slash. */
export function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

function gpuVisible(): boolean {
  // tfjs-node-gpu falls back to CPU silently when CUDA is missing; its backend reports devices.
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  return backend.isUsingGpuDevice !== false;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
