// BatchMatMul for wasm with transposed operands made explicit. The backend's kernel runs through
// XNNPACK only when neither operand is transposed; with transposeA it falls back to a scalar loop
// (~0.5 GFLOP/s here), which tfjs' own MatMul gradient hits for every dense layer (dW = x^T . dy).
// One Transpose (a copy) and the fast product cost far less.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { release, runWasmKernel } from './heap.ts';
import { stockKernel } from './stock-kernels.ts';

const batchMatMul: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as BackendWasm;
  const stock = stockKernel('BatchMatMul');
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  if (!transposeA && !transposeB) return stock({ inputs, backend, attrs });
  const { a, b: bIn } = inputs as { a: TensorInfo; b: TensorInfo };
  const swapLast = (t: TensorInfo) => {
    const perm = t.shape.map((_, i) => i);
    perm.splice(-2, 2, perm.length - 1, perm.length - 2);
    return runWasmKernel(b, 'Transpose', { x: t }, { perm });
  };
  const at = transposeA ? swapLast(a) : a;
  const bt = transposeB ? swapLast(bIn) : bIn;
  try {
    return stock({ inputs: { a: at, b: bt }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
  } finally {
    if (at !== a) release(b, at);
    if (bt !== bIn) release(b, bt);
  }
};

export const batchMatMulConfig: KernelConfig = { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMul };
