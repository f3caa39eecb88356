// Registers the wasm training kernels (idempotent). Kernels are looked up on every call, so
// registering after the backend has started takes effect at once.
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig } from './depthwise-backprop.ts';
import { fusedGradKernelConfigs } from './fused-grad-kernels.ts';
import { registerWasmGradOverrides } from './grad-overrides.ts';
import { maxPoolGradConfig } from './max-pool-grad.ts';
import { sharedIdentityConfig } from './shared-identity.ts';

/** Every kernel this project registers for wasm, in registration order. */
export const wasmTrainingKernels: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  sharedIdentityConfig,
  maxPoolGradConfig,
  ...fusedGradKernelConfigs,
];

/**
 * Registers the kernels wasm lacks for training (Conv2DBackpropFilter, DepthwiseConv2dNative
 * BackpropFilter/Input) and faster replacements of slow ones (Conv2DBackpropInput), for backend
 * 'wasm' only, plus single-pass gradients of batch norm, moments, ReLU/ReLU6, sigmoid, square and
 * multiply that take effect on wasm only. Calling it again changes nothing. Cost: a few map writes.
 * @example registerWasmTrainingKernels(); // tf.grad of a depthwise conv now runs on wasm
 */
export function registerWasmTrainingKernels(): void {
  for (const config of wasmTrainingKernels) {
    const existing = getKernelOrNull(config.kernelName);
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing != null) unregisterKernel(config.kernelName, 'wasm');
    registerKernel(config);
  }
  registerWasmGradOverrides();
}

function getKernelOrNull(kernelName: string): KernelConfig | null {
  return getKernel(kernelName, 'wasm') ?? null;
}
