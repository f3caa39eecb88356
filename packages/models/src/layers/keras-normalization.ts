/**
 * Keras' Normalization layer over the last axis, as built into Keras' EfficientNet: weights
 * `mean`, `variance` (one per channel) and `count` (a scalar), all non-trainable - hence the 7
 * extra parameters of a 3-channel EfficientNetB0 (4,049,571 instead of 4,049,564). Output is
 * `(x - mean) / max(sqrt(variance), 1e-7)`, Keras' formula. `initMean`/`initVariance` seed the
 * weights so a randomly initialised model normalises sensibly before any weights are loaded.
 */
import * as tf from '@tensorflow/tfjs';

type Kwargs = Record<string, unknown>;

export interface KerasNormalizationArgs {
  initMean?: number[] | null;
  initVariance?: number[] | null;
  name?: string;
}

export class KerasNormalization extends tf.layers.Layer {
  static className = 'Normalization';
  readonly initMean: number[] | null;
  readonly initVariance: number[] | null;
  private mean: tf.LayerVariable | null = null;
  private variance: tf.LayerVariable | null = null;

  constructor(args: KerasNormalizationArgs) {
    super(args);
    this.initMean = args.initMean ?? null;
    this.initVariance = args.initVariance ?? null;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    this.mean = this.addWeight('mean', [channels], 'float32', tf.initializers.zeros(), undefined, false);
    this.variance = this.addWeight('variance', [channels], 'float32', tf.initializers.ones(), undefined, false);
    this.addWeight('count', [], 'float32', tf.initializers.zeros(), undefined, false);
    const init = (v: tf.LayerVariable, values: number[] | null) => {
      if (values && values.length === channels)
        tf.tidy(() => {
          v.write(tf.tensor1d(values));
        });
    };
    init(this.mean, this.initMean);
    init(this.variance, this.initVariance);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return tf.tidy(() => {
      const sd = tf.maximum(tf.sqrt(this.variance!.read()), 1e-7);
      return tf.div(tf.sub(x, this.mean!.read()), sd);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), initMean: this.initMean, initVariance: this.initVariance };
  }
}
tf.serialization.registerClass(KerasNormalization);
