/**
 * Batch normalisation with Keras' frozen-layer semantics.
 *
 * tfjs-layers' BatchNormalization uses batch statistics and updates its moving mean and variance
 * whenever it is called with `training: true`, even when the layer is frozen (`trainable =
 * false`). Keras (>= 2.1.3, and every Keras Applications fine-tuning recipe) runs a frozen BN
 * layer in inference mode instead: moving statistics, no updates. This subclass restores that:
 * when `trainable` is false it ignores `training: true`. Otherwise it is the tfjs layer unchanged,
 * and it is registered under tfjs' own class name so saved model.json files stay loadable by plain
 * tfjs (this process then also deserialises 'BatchNormalization' into this class).
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchNormalization } from '@tensorflow/tfjs-layers/dist/layers/normalization.js';

type Kwargs = Record<string, unknown>;

// The class is not exported by the tfjs bundle, only its factory; take it from a throwaway
// instance (it owns no tensors until built) so we subclass the very class tfjs uses.
const BatchNormalizationBase = tf.layers.batchNormalization({}).constructor as unknown as typeof BatchNormalization;

export class KerasBatchNormalization extends BatchNormalizationBase {
  static override className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return super.call(inputs, this.trainable ? kwargs : { ...kwargs, training: false });
  }
}
tf.serialization.registerClass(KerasBatchNormalization);
