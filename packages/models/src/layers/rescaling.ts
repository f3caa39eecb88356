/**
 * Keras' Rescaling layer: `x * scale + offset`, where scale and offset are a number or one value
 * per channel (EfficientNet's third rescaling uses per-channel scales; tfjs' own Rescaling takes
 * only numbers, so this superset is registered under the same class name).
 */
import * as tf from '@tensorflow/tfjs';

type Kwargs = Record<string, unknown>;

export interface RescalingArgs {
  scale: number | number[];
  offset?: number | number[];
  name?: string;
}

export class Rescaling extends tf.layers.Layer {
  static className = 'Rescaling';
  readonly scale: number | number[];
  readonly offset: number | number[];

  constructor(args: RescalingArgs) {
    super(args);
    this.scale = args.scale;
    this.offset = args.offset ?? 0;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return tf.tidy(() => {
      const scale = typeof this.scale === 'number' ? tf.scalar(this.scale) : tf.tensor1d(this.scale);
      const offset = typeof this.offset === 'number' ? tf.scalar(this.offset) : tf.tensor1d(this.offset);
      return tf.add(tf.mul(x.toFloat(), scale), offset);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), scale: this.scale, offset: this.offset };
  }
}
tf.serialization.registerClass(Rescaling);
