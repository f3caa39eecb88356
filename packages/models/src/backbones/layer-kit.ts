/**
 * A small vocabulary for writing Keras-style functional graphs: each method creates one named
 * layer, applies it to a symbolic tensor and returns the result. Every layer with random initial
 * weights gets its own seed from (model seed, layer name), so initial weights are reproducible
 * and independent of build order. Batch norm is always the Keras-semantics subclass.
 */
import * as tf from '@tensorflow/tfjs';
import { KerasBatchNormalization } from '../layers/keras-batch-normalization.ts';
import { KerasReLU } from '../layers/keras-relu.ts';
import { SeededDropout } from '../layers/seeded-dropout.ts';
import { layerSeed } from '@cxr/core';

export type Sym = tf.SymbolicTensor;
type Padding = 'same' | 'valid';
type Activation = 'relu' | 'swish' | 'sigmoid' | 'softmax' | 'linear';
/** 'glorot': Keras' default glorot_uniform; 'effnetConv'/'effnetDense': EfficientNet's own. */
export type InitKind = 'glorot' | 'effnetConv' | 'effnetDense';

export interface ConvOptions {
  filters: number;
  kernel: number;
  strides?: number;
  padding?: Padding;
  useBias?: boolean;
  activation?: Activation;
  init?: InitKind;
}

export class LayerKit {
  constructor(readonly seed: number) {}

  /** Seeded kernel initialiser for the layer called `name`. */
  initializer(name: string, kind: InitKind = 'glorot'): ReturnType<typeof tf.initializers.glorotUniform> {
    const seed = layerSeed(this.seed, name);
    if (kind === 'effnetConv') return tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'truncatedNormal', seed });
    if (kind === 'effnetDense') return tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanOut', distribution: 'uniform', seed });
    return tf.initializers.glorotUniform({ seed });
  }

  /** The Keras Conv2D / Conv2DTranspose arguments of `o`, with this kit's seeded initializer. */
  private convArgs(name: string, o: ConvOptions) {
    return {
      name,
      filters: o.filters,
      kernelSize: o.kernel,
      strides: o.strides ?? 1,
      padding: o.padding ?? 'valid',
      useBias: o.useBias ?? true,
      activation: o.activation ?? 'linear',
      kernelInitializer: this.initializer(name, o.init),
    } as const;
  }

  conv(x: Sym, name: string, o: ConvOptions): Sym {
    return this.apply(tf.layers.conv2d(this.convArgs(name, o)), x);
  }

  /** Transposed convolution (Keras Conv2DTranspose), e.g. the 2x2 stride-2 up-convolution of U-Net. */
  convTranspose(x: Sym, name: string, o: ConvOptions): Sym {
    return this.apply(tf.layers.conv2dTranspose(this.convArgs(name, o)), x);
  }

  depthwise(x: Sym, name: string, o: Omit<ConvOptions, 'filters' | 'activation'>): Sym {
    return this.apply(
      tf.layers.depthwiseConv2d({
        name,
        kernelSize: o.kernel,
        strides: o.strides ?? 1,
        padding: o.padding ?? 'valid',
        useBias: o.useBias ?? true,
        depthwiseInitializer: this.initializer(name, o.init),
      }),
      x,
    );
  }

  dense(x: Sym, name: string, units: number, activation: Activation = 'linear', init: InitKind = 'glorot'): Sym {
    return this.apply(tf.layers.dense({ name, units, activation, kernelInitializer: this.initializer(name, init) }), x);
  }

  bn(x: Sym, name: string, o: { epsilon?: number; momentum?: number } = {}): Sym {
    return this.apply(new KerasBatchNormalization({ name, axis: -1, epsilon: o.epsilon ?? 1e-3, momentum: o.momentum ?? 0.99 }), x);
  }

  act(x: Sym, name: string, activation: Activation): Sym {
    return this.apply(tf.layers.activation({ name, activation }), x);
  }

  /** Keras' ReLU(6.) (one Relu6 op each way: see KerasReLU). */
  relu6(x: Sym, name: string): Sym {
    return this.apply(new KerasReLU({ name, maxValue: 6 }), x);
  }

  zeroPad(x: Sym, name: string, padding: [[number, number], [number, number]]): Sym {
    return this.apply(tf.layers.zeroPadding2d({ name, padding }), x);
  }

  maxPool(x: Sym, name: string, pool: number, strides: number, padding: Padding = 'valid'): Sym {
    return this.apply(tf.layers.maxPooling2d({ name, poolSize: pool, strides, padding }), x);
  }

  avgPool(x: Sym, name: string, pool: number, strides: number): Sym {
    return this.apply(tf.layers.averagePooling2d({ name, poolSize: pool, strides, padding: 'valid' }), x);
  }

  /** Nearest-neighbour upsampling by an integer factor (Keras UpSampling2D). */
  upsample(x: Sym, name: string, factor: number): Sym {
    return this.apply(tf.layers.upSampling2d({ name, size: [factor, factor], interpolation: 'nearest' }), x);
  }

  flatten(x: Sym, name: string): Sym {
    return this.apply(tf.layers.flatten({ name }), x);
  }

  gap(x: Sym, name: string): Sym {
    return this.apply(tf.layers.globalAveragePooling2d({ name }), x);
  }

  dropout(x: Sym, name: string, rate: number, noiseShape?: (number | null)[]): Sym {
    return this.apply(new SeededDropout({ name, rate, noiseShape: noiseShape ?? null, seed: layerSeed(this.seed, `dropout:${name}`) }), x);
  }

  add(xs: Sym[], name: string): Sym {
    return this.apply(tf.layers.add({ name }), xs);
  }

  multiply(xs: Sym[], name: string): Sym {
    return this.apply(tf.layers.multiply({ name }), xs);
  }

  concat(xs: Sym[], name: string): Sym {
    return this.apply(tf.layers.concatenate({ name, axis: -1 }), xs);
  }

  reshape(x: Sym, name: string, targetShape: number[]): Sym {
    return this.apply(tf.layers.reshape({ name, targetShape }), x);
  }

  apply(layer: tf.layers.Layer, x: Sym | Sym[]): Sym {
    return layer.apply(x) as Sym;
  }
}

/** Channels of a channels-last symbolic tensor. */
export function channelsOf(x: Sym): number {
  return x.shape[x.shape.length - 1] as number;
}

/**
 * Keras' `imagenet_utils.correct_pad`: the zero padding that makes a stride-2 'valid' convolution
 * of size `kernel` match TensorFlow's 'same' output size, for a square input of side `size`.
 */
export function correctPad(size: number, kernel: number): [[number, number], [number, number]] {
  const adjust = 1 - (size % 2);
  const c = Math.floor(kernel / 2);
  return [
    [c - adjust, c],
    [c - adjust, c],
  ];
}

/** Spatial side of a channels-last square symbolic tensor. */
export function sideOf(x: Sym): number {
  return x.shape[1] as number;
}
