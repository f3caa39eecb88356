// The wasm backend's own kernels that this project replaced, by kernel name: replacements that
// delegate to the original (BatchMatMul) and the 'required' kernel set (which restores them) read
// them here. register.ts records each one before unregistering it.
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

const stock = new Map<string, KernelConfig>();

/** Records the backend's own kernel for `config.kernelName` (first record wins). */
export function recordStockKernel(config: KernelConfig): void {
  if (!stock.has(config.kernelName)) stock.set(config.kernelName, config);
}

/** The recorded original kernel config, or undefined when none was replaced. */
export function stockKernelConfig(kernelName: string): KernelConfig | undefined {
  return stock.get(kernelName);
}

/**
 * The backend's own kernel function for `kernelName`.
 * @throws Error when it was never recorded (the replacement was registered without register.ts).
 */
export function stockKernel(kernelName: string): KernelFunc {
  const config = stock.get(kernelName);
  if (config == null)
    throw new Error(`stockKernel: kernelName must name a wasm kernel replaced by registerWasmTrainingKernels; received '${kernelName}'`);
  return config.kernelFunc;
}
