// Registers the wasm training kernels (idempotent). Kernels are looked up on every call, so
// registering after the backend has started takes effect at once.
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig } from './depthwise-backprop.ts';
import { fusedGradKernelConfigs } from './fused-grad-kernels.ts';
import { registerWasmGradOverrides, unregisterWasmGradOverrides } from './grad-overrides.ts';
import { batchMatMulConfig } from './batch-mat-mul.ts';
import { maxPoolGradConfig } from './max-pool-grad.ts';
import { recordStockKernel, stockKernelConfig } from './stock-kernels.ts';
import { sharedIdentityConfig } from './shared-identity.ts';

/** Kernels wasm lacks for training, or computes wrongly (MaxPoolGrad): needed to train at all. */
const requiredKernels: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  maxPoolGradConfig,
];

/** Faster replacements and the fused kernels behind the gradient overrides. */
const fastPathKernels: readonly KernelConfig[] = [
  conv2dBackpropInputConfig,
  batchMatMulConfig,
  sharedIdentityConfig,
  ...fusedGradKernelConfigs,
];

/** Every kernel this project registers for wasm, in registration order. */
export const wasmTrainingKernels: readonly KernelConfig[] = [...requiredKernels, ...fastPathKernels];

/**
 * 'all' (the default): everything. 'required': only what training needs, with tfjs' own
 * gradients and the backend's own Conv2DBackpropInput and Identity - the baseline that
 * `cxr bench train --wasm-kernels required` measures the fast paths against.
 */
export type WasmKernelSet = 'all' | 'required';

/**
 * Registers the kernels wasm lacks for training (Conv2DBackpropFilter, DepthwiseConv2dNative
 * BackpropFilter/Input, a correct MaxPoolGrad) and, for set 'all', faster replacements of slow
 * ones (Conv2DBackpropInput, BatchMatMul with transposes, Identity), the fused batch-norm kernels
 * @cxr/models looks up, and single-pass gradients of batch norm, moments, ReLU/ReLU6, sigmoid,
 * square and multiply that take effect on wasm only. Calling it again with
 * the same set changes nothing; switching to 'required' restores the stock kernels and gradients.
 * Cost: a few map writes.
 * @example registerWasmTrainingKernels(); // tf.grad of a depthwise conv now runs on wasm
 */
export function registerWasmTrainingKernels(set: WasmKernelSet = 'all'): void {
  for (const config of set === 'all' ? wasmTrainingKernels : requiredKernels) {
    const existing = getKernelOrNull(config.kernelName);
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing != null) {
      if (!wasmTrainingKernels.includes(existing)) recordStockKernel(existing);
      unregisterKernel(config.kernelName, 'wasm');
    }
    registerKernel(config);
  }
  if (set === 'all') {
    registerWasmGradOverrides();
    return;
  }
  unregisterWasmGradOverrides();
  for (const config of fastPathKernels) {
    if (getKernelOrNull(config.kernelName)?.kernelFunc === config.kernelFunc) unregisterKernel(config.kernelName, 'wasm');
    const stock = stockKernelConfig(config.kernelName);
    if (stock != null && getKernelOrNull(config.kernelName) == null) registerKernel(stock);
  }
}

function getKernelOrNull(kernelName: string): KernelConfig | null {
  return getKernel(kernelName, 'wasm') ?? null;
}
