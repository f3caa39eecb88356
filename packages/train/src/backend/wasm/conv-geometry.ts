// Geometry of a 2-D convolution (NHWC) as the training kernels need it, from tfjs' own
// computeConv2DInfo so padding/rounding follow the forward pass exactly.
import { backend_util } from '@tensorflow/tfjs-core';

export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilH: number;
  dilW: number;
  padTop: number;
  padLeft: number;
  /** Channel multiplier of a depthwise convolution (1 otherwise). */
  mult: number;
}

type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

/** Conv geometry from the attributes of a backprop kernel; rejects NCHW (never used here). */
export function convGeometry(
  kernel: string,
  inShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  pad: Pad,
  dilations: number | [number, number],
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise: boolean,
  dataFormat: string | undefined,
): ConvGeometry {
  if (dataFormat != null && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`${kernel} (wasm training kernel): dataFormat must be NHWC, received ${dataFormat}`);
  }
  const info = backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    depthwise,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    kH: info.filterHeight,
    kW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    dilH: info.dilationHeight,
    dilW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    mult: depthwise ? filterShape[3]! : 1,
  };
}

/** A 1x1 convolution with stride 1 and no padding is a plain matrix product over pixels. */
export function isPointwise(g: ConvGeometry): boolean {
  return (
    g.kH === 1 &&
    g.kW === 1 &&
    g.strideH === 1 &&
    g.strideW === 1 &&
    g.padTop === 0 &&
    g.padLeft === 0 &&
    g.outH === g.inH &&
    g.outW === g.inW
  );
}

/** Images per chunk so that an im2col buffer of `perImage` floats stays under `maxFloats`. */
export function imagesPerChunk(batch: number, perImage: number, maxFloats = 1 << 24): number {
  return Math.max(1, Math.min(batch, Math.floor(maxFloats / Math.max(1, perImage))));
}
