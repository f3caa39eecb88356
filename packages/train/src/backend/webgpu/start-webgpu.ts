// Starts tfjs' webgpu backend under Node on an adapter found by dawn-adapter.ts. The backend
// registers itself only if `navigator.gpu` exists when its module is first imported, and uses the
// WebGPU globals (GPUBufferUsage, GPUMapMode, ...) by name, so both are installed before the
// dynamic import. Its own factory asks `navigator.gpu.requestAdapter()` without a feature level,
// which the OpenGL ES adapter refuses, so `navigator.gpu` hands it the adapter chosen here.
import * as tf from '@tensorflow/tfjs';
import { findAdapter, formatAdapter, loadDawn, type DawnAdapter, type DawnGpu, type GpuAdapterDescription } from './dawn-adapter.ts';

const backendPackage = '@tensorflow/tfjs-backend-webgpu';

let started: GpuAdapterDescription | null = null;
let chosen: DawnAdapter | null = null;
// Dawn's instance must outlive the backend: once its JS object is garbage-collected, the native
// instance (its threads and locks) goes with it and the next GPU call aborts the process
// ("The futex facility returned an unexpected error code"). Seen after a few hundred tensors.
let instance: DawnGpu | null = null;

/** The adapter the webgpu backend runs on, once startWebgpu succeeded; else null. */
export function webgpuAdapter(): GpuAdapterDescription | null {
  return started;
}

/**
 * Makes 'webgpu' the current tfjs backend. The first call finds an adapter (hardware only unless
 * `allowSoftware`), installs Dawn's globals and `navigator.gpu`, imports the backend and starts it;
 * later calls switch back to it (a software adapter started once stays allowed). Returns the adapter.
 * Throws an Error naming why when `webgpu` or the backend package is missing, no adapter fits, or
 * the backend does not initialise.
 * @example (await startWebgpu({ allowSoftware: true })).software // true on a machine without a GPU
 */
export async function startWebgpu(options: { allowSoftware: boolean }): Promise<GpuAdapterDescription> {
  if (started) {
    if (started.software && !options.allowSoftware) throw new Error(`webgpu: no hardware adapter (only ${formatAdapter(started)})`);
    if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend did not initialise');
    return started;
  }
  const found = await findAdapter(options);
  if ('reason' in found) throw new Error(`webgpu: no ${options.allowSoftware ? '' : 'hardware '}adapter (${found.reason})`);
  const { globals } = await loadDawn();
  for (const [name, value] of Object.entries(globals)) {
    if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = value;
  }
  chosen = found.adapter;
  instance = found.gpu;
  const shim = {
    instance,
    requestAdapter: async () => chosen,
    wgslLanguageFeatures: new Set<string>(),
    getPreferredCanvasFormat: () => 'rgba8unorm',
  };
  const nav = (globalThis as { navigator?: Record<string, unknown> }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: shim, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu: shim, userAgent: 'node' }, configurable: true, writable: true });
  await import(backendPackage);
  if (!tf.findBackendFactory('webgpu')) throw new Error(`${backendPackage} loaded but did not register (navigator.gpu missing at import)`);
  if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend did not initialise');
  started = found.description;
  return started;
}
