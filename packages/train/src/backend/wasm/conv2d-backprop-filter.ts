// Conv2DBackpropFilter for wasm (missing upstream): dW = im2col(x)^T . dy as XNNPACK products,
// with no im2col at all for 1x1 stride-1 convolutions (dW = x^T . dy over pixels).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, imagesPerChunk, isPointwise } from './conv-geometry.ts';
import { allocF32, gramLike, heapF32, offsetF32, release, wholeHeapF32 } from './heap.ts';
import { im2col } from './im2col.ts';

export const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as BackendWasm;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as any;
  const g = convGeometry('Conv2DBackpropFilter', x.shape, filterShape, strides, pad, 1, dimRoundingMode, false, dataFormat);
  const pixels = g.batch * g.outH * g.outW;
  const k = g.kH * g.kW * g.inC;
  if (isPointwise(g)) {
    const dw = gramLike(b, x, g.inC, dy, g.outC, pixels);
    return { dataId: dw.dataId, shape: filterShape, dtype: 'float32' };
  }
  const perImage = g.outH * g.outW * k;
  const chunk = imagesPerChunk(g.batch, perImage);
  if (chunk >= g.batch) {
    const cols = allocF32(b, [pixels, k]);
    im2col(wholeHeapF32(b), offsetF32(b, x), offsetF32(b, cols), g, 0, g.batch);
    const dw = gramLike(b, cols, k, dy, g.outC, pixels);
    release(b, cols);
    return { dataId: dw.dataId, shape: filterShape, dtype: 'float32' };
  }
  // Large inputs: accumulate over batch chunks so the patch matrix stays bounded.
  const out = allocF32(b, filterShape, true);
  const dyPerImage = g.outH * g.outW * g.outC;
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const n1 = Math.min(g.batch, n0 + chunk);
    const rows = (n1 - n0) * g.outH * g.outW;
    const cols = allocF32(b, [rows, k]);
    const dyChunk = allocF32(b, [rows, g.outC]);
    const heap = wholeHeapF32(b);
    im2col(heap, offsetF32(b, x), offsetF32(b, cols), g, n0, n1);
    const dyOff = offsetF32(b, dy);
    heap.copyWithin(offsetF32(b, dyChunk), dyOff + n0 * dyPerImage, dyOff + n1 * dyPerImage);
    const part = gramLike(b, cols, k, dyChunk, g.outC, rows);
    const acc = heapF32(b, out);
    const p = heapF32(b, part);
    for (let i = 0; i < acc.length; i++) acc[i] += p[i]!;
    release(b, part);
    release(b, cols);
    release(b, dyChunk);
  }
  return out;
};

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
