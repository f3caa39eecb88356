// Conv2DBackpropInput for wasm, replacing the backend's scalar loop: dx = dy . W^T as one XNNPACK
// product for 1x1 stride-1 convolutions; otherwise dcols = dy . W^T followed by col2im.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, imagesPerChunk, isPointwise } from './conv-geometry.ts';
import { allocF32, matMul2d, offsetF32, release, wholeHeapF32 } from './heap.ts';
import { col2imAdd } from './im2col.ts';

export const conv2dBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as BackendWasm;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as any;
  const g = convGeometry('Conv2DBackpropInput', inputShape, filter.shape, strides, pad, 1, dimRoundingMode, false, dataFormat);
  const k = g.kH * g.kW * g.inC;
  if (isPointwise(g)) {
    const pixels = g.batch * g.inH * g.inW;
    const dx = matMul2d(b, dy, [pixels, g.outC], filter, [g.inC, g.outC], false, true);
    return { dataId: dx.dataId, shape: inputShape, dtype: 'float32' };
  }
  const out = allocF32(b, inputShape, true);
  const chunk = imagesPerChunk(g.batch, g.outH * g.outW * k);
  const dyPerImage = g.outH * g.outW * g.outC;
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const n1 = Math.min(g.batch, n0 + chunk);
    const rows = (n1 - n0) * g.outH * g.outW;
    let dyPart = dy;
    if (n0 > 0 || n1 < g.batch) {
      dyPart = allocF32(b, [rows, g.outC]);
      const heap = wholeHeapF32(b);
      const dyOff = offsetF32(b, dy);
      heap.copyWithin(offsetF32(b, dyPart), dyOff + n0 * dyPerImage, dyOff + n1 * dyPerImage);
    }
    const dcols = matMul2d(b, dyPart, [rows, g.outC], filter, [k, g.outC], false, true);
    const imageSize = g.inH * g.inW * g.inC;
    col2imAdd(wholeHeapF32(b), offsetF32(b, dcols), offsetF32(b, out) + n0 * imageSize, g, 0, n1 - n0);
    release(b, dcols);
    if (dyPart !== dy) release(b, dyPart);
  }
  return out;
};

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput,
};
