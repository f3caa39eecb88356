// Identity for wasm without a copy. The engine clones every tensor it saves for the backward pass
// (and tfjs' gradients clone dy) through Identity; the wasm backend copies the data each time,
// while tensors are immutable and the cpu backend shares them. Sharing the buffer with a
// reference count, as the wasm Reshape kernel already does, is the same contract.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const sharedIdentity: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  if (x.dtype === 'string') throw new Error('Identity (wasm training kernel): string tensors are not supported');
  (backend as BackendWasm).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

export const sharedIdentityConfig: KernelConfig = { kernelName: 'Identity', backendName: 'wasm', kernelFunc: sharedIdentity };
