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
 *
 * In training mode it normalises through batchNormTraining, whose closed-form backward pass is
 * several times cheaper than tfjs' autodiff; the forward values and the moving-average updates are
 * tfjs-layers' own.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchNormalization } from '@tensorflow/tfjs-layers/dist/layers/normalization.js';
import { batchNormTraining } from './batch-norm-training.ts';

type Kwargs = Record<string, unknown>;

/** What tfjs-layers' BatchNormalization keeps private. */
interface BatchNormInternals {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

// The class is not exported by the tfjs bundle, only its factory; take it from a throwaway
// instance (it owns no tensors until built) so we subclass the very class tfjs uses.
const BatchNormalizationBase = tf.layers.batchNormalization({}).constructor as unknown as typeof BatchNormalization;

export class KerasBatchNormalization extends BatchNormalizationBase {
  static override className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    if (!this.trainable) return super.call(inputs, { ...kwargs, training: false });
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const w = this as unknown as BatchNormInternals;
    const lastAxis = w.axis === -1 || w.axis === x.rank - 1;
    if (kwargs['training'] !== true || !lastAxis || w.gamma == null || w.beta == null || x.rank < 2 || x.rank > 4)
      return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const { y, mean, variance } = batchNormTraining(x, w.gamma!.read(), w.beta!.read(), w.epsilon);
      // tfjs-layers' update, in its order: moving -= (moving - batch) * (1 - momentum)
      for (const [moving, batch] of [
        [w.movingMean, mean],
        [w.movingVariance, variance],
      ] as const) {
        tf.tidy(() => {
          const current = moving.read();
          moving.write(tf.sub(current, tf.mul(tf.sub(current, batch), 1 - w.momentum)));
        });
      }
      return y;
    });
  }
}
tf.serialization.registerClass(KerasBatchNormalization);
