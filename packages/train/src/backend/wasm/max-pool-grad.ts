// MaxPoolGrad for wasm, replacing the backend's own kernel, whose results disagree with the cpu
// backend's (and with the definition) in tfjs 4.22 - e.g. 2x2/2 'valid' pooling of an 8x8 map.
// dx receives each dy at the first position of its window's maximum (row-major), as on cpu.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, heapF32 } from './heap.ts';

const maxPoolGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as BackendWasm;
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as any;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels: c,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    effectiveFilterHeight: fh,
    effectiveFilterWidth: fw,
  } = info;
  const { top, left } = info.padInfo;
  const out = allocF32(b, input.shape, true);
  const dx = heapF32(b, out);
  const x = heapF32(b, input);
  const g = heapF32(b, dy);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(0, oh * strideHeight - top);
      const h1 = Math.min(inHeight, oh * strideHeight - top + fh);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = Math.max(0, ow * strideWidth - left);
        const w1 = Math.min(inWidth, ow * strideWidth - left + fw);
        const dyOff = ((n * outHeight + oh) * outWidth + ow) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) {
              const i = ((n * inHeight + h) * inWidth + w) * c + ch;
              if (x[i]! > best || at < 0) {
                best = x[i]!;
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += g[dyOff + ch]!;
        }
      }
    }
  }
  return out;
};

export const maxPoolGradConfig: KernelConfig = { kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad };
