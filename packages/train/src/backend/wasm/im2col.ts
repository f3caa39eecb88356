// im2col / col2im over NHWC tensors on the wasm heap, as plain loops on one heap view. Rows are
// output pixels (n, oh, ow), columns (kh, kw, c) - the layout of a [kH, kW, inC, outC] filter
// flattened to [kH*kW*inC, outC], so a conv becomes one XNNPACK matrix product.
import type { ConvGeometry } from './conv-geometry.ts';

/**
 * Writes the patches of images [n0, n1) of x (float offset xOff in heap) into cols (float offset
 * colsOff): (n1-n0)*outH*outW rows of kH*kW*inC floats; out-of-image taps are zero.
 */
export function im2col(heap: Float32Array, xOff: number, colsOff: number, g: ConvGeometry, n0: number, n1: number): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  let dst = colsOff;
  for (let n = n0; n < n1; n++) {
    const imgOff = xOff + n * inH * inW * inC;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * strideH + kh * dilH - padTop;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * strideW + kw * dilW - padLeft;
            if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) {
              heap.fill(0, dst, dst + inC);
            } else {
              const src = imgOff + (ih * inW + iw) * inC;
              if (inC >= 16) heap.copyWithin(dst, src, src + inC);
              else for (let c = 0; c < inC; c++) heap[dst + c] = heap[src + c]!;
            }
            dst += inC;
          }
        }
      }
    }
  }
}

/**
 * Adds the column gradients of images [n0, n1) (float offset colsOff, layout as im2col) into dx
 * (float offset dxOff, NHWC, already zeroed): the adjoint of im2col.
 */
export function col2imAdd(heap: Float32Array, colsOff: number, dxOff: number, g: ConvGeometry, n0: number, n1: number): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  let src = colsOff;
  for (let n = n0; n < n1; n++) {
    const imgOff = dxOff + n * inH * inW * inC;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * strideH + kh * dilH - padTop;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * strideW + kw * dilW - padLeft;
            if (ih >= 0 && ih < inH && iw >= 0 && iw < inW) {
              const dst = imgOff + (ih * inW + iw) * inC;
              for (let c = 0; c < inC; c++) heap[dst + c] += heap[src + c]!;
            }
            src += inC;
          }
        }
      }
    }
  }
}
