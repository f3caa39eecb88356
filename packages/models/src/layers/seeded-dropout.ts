/**
 * Dropout whose masks come from a seeded stream that advances on every training call.
 *
 * tfjs' own Dropout with a `seed` draws the *same* mask on every call (it reseeds its generator
 * each time), and without a seed it uses Math.random. This layer derives call i's seed from
 * (seed, i), so a training run is reproducible and still sees a fresh mask each step. Config is
 * Keras' (`rate`, `noiseShape`, `seed`; null entries of noiseShape take the input's size, as in
 * EfficientNet's drop-connect `(None, 1, 1, 1)`); registered as 'Dropout' so saved files load in
 * plain tfjs. The call counter is not saved: a model loaded from disk restarts its stream.
 */
import * as tf from '@tensorflow/tfjs';
import { layerSeed } from '@cxr/core';

type Kwargs = Record<string, unknown>;

export interface SeededDropoutArgs {
  rate: number;
  noiseShape?: (number | null)[] | null;
  seed?: number | null;
  name?: string;
  trainable?: boolean;
}

export class SeededDropout extends tf.layers.Layer {
  static className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args);
    this.rate = Math.max(0, Math.min(1, args.rate));
    this.noiseShape = args.noiseShape ?? null;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return x;
    return tf.tidy(() => {
      const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]!) : x.shape;
      const seed = this.seed === null ? undefined : layerSeed(this.seed, `call:${this.calls++}`);
      const keep = tf.randomUniform(shape, 0, 1, 'float32', seed).greaterEqual(this.rate).cast('float32');
      return tf.mul(x, keep).div(1 - this.rate);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);
