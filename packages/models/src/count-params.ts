/** Parameter counts as Keras' model.summary() reports them. */
import type * as tf from '@tensorflow/tfjs';

export interface ParamCounts {
  total: number;
  trainable: number;
  nonTrainable: number;
}

/**
 * Total, trainable and non-trainable parameters (scalars in all weights). Batch-norm moving
 * statistics and Normalization weights are non-trainable, as in Keras; a frozen layer's weights
 * count as non-trainable. Cost: O(number of weights).
 *
 * @example countParams(buildBackbone('mobilenetv2', { inputSize: 224, channels: 3, seed: 0 })) // { total: 2257984, trainable: 2223872, nonTrainable: 34112 }
 */
export function countParams(model: tf.LayersModel): ParamCounts {
  const size = (ws: tf.LayerVariable[]) => ws.reduce((s, w) => s + w.shape.reduce((p: number, d) => p * (d ?? 1), 1), 0);
  const total = size(model.weights);
  const trainable = size(model.trainableWeights);
  return { total, trainable, nonTrainable: total - trainable };
}
