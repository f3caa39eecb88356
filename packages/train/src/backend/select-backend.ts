// Picks and starts the tfjs backend for a run: native TensorFlow (GPU, then CPU) when its optional
// package is installed, else WebGPU through Dawn on a hardware adapter, else wasm with this
// project's training kernels, else the pure-JS cpu one.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendError } from './backend-error.ts';
import { backendNames, backendPreference, type BackendName, type ResolvedBackendName } from './backend-name.ts';
import { quietTfjsBanner } from './quiet-tfjs.ts';
import { registerWasmTrainingKernels, type WasmKernelSet } from './wasm/register.ts';
import { formatAdapter, type GpuAdapterDescription } from './webgpu/dawn-adapter.ts';
import { startWebgpu } from './webgpu/start-webgpu.ts';

export interface SelectedBackend {
  /** The backend started. */
  backend: ResolvedBackendName;
  /** tfjs' own name for it (tf.getBackend()): 'tensorflow' for both native ones. */
  tfBackend: string;
  /** Backends tried before it and why each was not used (only for 'auto'). */
  skipped: SkippedBackend[];
  /** webgpu only: the adapter it runs on. */
  adapter?: GpuAdapterDescription;
}

/** A backend 'auto' tried and did not use. */
export interface SkippedBackend {
  name: ResolvedBackendName;
  /** The first line of the error (import error, or why the loaded backend was refused). */
  reason: string;
  /** False when its optional package is simply not installed (the normal case, not an error). */
  installed: boolean;
  /** True when it is installed but this machine lacks what it needs (webgpu without a hardware adapter): expected, no warning. */
  unsupported?: boolean;
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
/** The optional packages behind each backend, for 'not installed' (webgpu needs both). */
const optionalPackages: Partial<Record<ResolvedBackendName, string[]>> = {
  ...Object.fromEntries(Object.entries(nativePackage).map(([k, v]) => [k, [v]])),
  webgpu: ['webgpu', '@tensorflow/tfjs-backend-webgpu'],
};

/**
 * Starts the requested tfjs backend and makes it current. 'auto' tries tfjs-node-gpu, tfjs-node,
 * webgpu (a hardware adapter only), wasm, cpu in that order and logs what it got (backendChoiceLines: one calm line when the native
 * packages are just not installed, the reason when one is installed but fails). Selecting wasm
 * points it at the package's own .wasm files (no network) and registers the training kernels.
 * `options.wasmKernels: 'required'` registers only what training needs (benchmark baseline).
 * An explicit 'webgpu' also takes a software adapter (llvmpipe) and says so in its log line.
 * Throws BackendError for an unknown name, or when an explicitly requested backend cannot start.
 * @example await selectBackend('auto', console.log)
 * // logs "backend: wasm (tfjs-node-gpu and tfjs-node not installed)"
// -> { backend: 'wasm', tfBackend: 'wasm', skipped: [{ name: 'tensorflow-gpu', reason: ..., installed: false }, ...] }
 */
export async function selectBackend(
  requested: BackendName,
  log: (line: string) => void = () => {},
  options: SelectBackendOptions = {},
): Promise<SelectedBackend> {
  if (!backendNames.includes(requested)) {
    throw new BackendError('selectBackend', 'requested', `one of ${backendNames.join(', ')}`, JSON.stringify(requested));
  }
  quietTfjsBanner();
  const candidates = requested === 'auto' ? backendPreference : [requested];
  const skipped: SkippedBackend[] = [];
  for (const name of candidates) {
    try {
      if (name === 'webgpu') {
        const adapter = await startWebgpu({ allowSoftware: requested === 'webgpu' });
        for (const line of backendChoiceLines(name, skipped, adapter)) log(line);
        return { backend: name, tfBackend: tf.getBackend(), skipped, adapter };
      }
      const tfBackend = await startBackend(name, options.wasmKernels ?? 'all');
      for (const line of backendChoiceLines(name, skipped)) log(line);
      return { backend: name, tfBackend, skipped };
    } catch (error) {
      const reason = firstLine(error);
      if (requested !== 'auto') {
        throw new BackendError('selectBackend', 'requested', `a backend that starts here`, `'${name}' (${reason})`);
      }
      const installed = !packageMissing(name, error);
      const unsupported = name === 'webgpu' && reason.startsWith('webgpu: no hardware adapter');
      skipped.push({ name, reason, installed, ...(unsupported ? { unsupported } : {}) });
    }
  }
  // cpu is pure JS and always starts; reaching here means tfjs itself is broken.
  throw new BackendError('selectBackend', 'requested', 'a backend that starts here', `'auto' (all failed)`);
}

const shortPackage = (name: ResolvedBackendName) => (nativePackage as Record<string, string>)[name]?.replace('@tensorflow/', '') ?? name;

/**
 * What selectBackend logs: one line naming the backend started, with the optional packages that
 * are simply not installed in parentheses; before it, one line per backend that IS installed but
 * failed (a real problem: its reason in full).
 *
 * @example backendChoiceLines('wasm', [{ name: 'tensorflow-gpu', reason: '...', installed: false }, { name: 'tensorflow', reason: '...', installed: false }])
 * // ['backend: wasm (tfjs-node-gpu and tfjs-node not installed)']
 * @example backendChoiceLines('wasm', [{ name: 'tensorflow-gpu', reason: '@tensorflow/tfjs-node-gpu loaded but TensorFlow sees no GPU', installed: true }, { name: 'tensorflow', reason: '...', installed: false }])
 * // ['backend: tensorflow-gpu not used: @tensorflow/tfjs-node-gpu loaded but TensorFlow sees no GPU', 'backend: wasm (tfjs-node not installed)']
 * @example backendChoiceLines('webgpu', [], llvmpipe)
 * // ['backend: webgpu on llvmpipe-llvm-15-0-6-256-bits- (opengles, compatibility, software adapter); a CPU rasteriser: its speed says nothing about a GPU']
 */
export function backendChoiceLines(
  started: ResolvedBackendName,
  skipped: readonly SkippedBackend[],
  adapter?: GpuAdapterDescription,
): string[] {
  const failed = skipped.filter((s) => s.installed && !s.unsupported).map((s) => `backend: ${s.name} not used: ${s.reason}`);
  const missing = skipped.filter((s) => !s.installed).map((s) => shortPackage(s.name));
  const list = missing.length <= 2 ? missing.join(' and ') : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  const notes = [...(missing.length ? [`${list} not installed`] : []), ...skipped.filter((s) => s.unsupported).map((s) => s.reason)];
  const on = adapter
    ? ` on ${formatAdapter(adapter)}${adapter.software ? '; a CPU rasteriser: its speed says nothing about a GPU' : ''}`
    : '';
  return [...failed, `backend: ${started}${on}${notes.length ? ` (${notes.join('; ')})` : ''}`];
}

/** True when importing the backend's own package failed because that package is not there (not a dependency of it). */
function packageMissing(name: ResolvedBackendName, error: unknown): boolean {
  const specs = optionalPackages[name];
  if (!specs || !(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return specs.some(
    (spec) => error.message.startsWith(`Cannot find package '${spec}'`) || error.message.startsWith(`Cannot find module '${spec}'`),
  );
}

async function startBackend(name: Exclude<ResolvedBackendName, 'webgpu'>, wasmKernels: WasmKernelSet): Promise<string> {
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
