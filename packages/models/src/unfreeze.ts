/** Partial fine-tuning: make the top fraction of a backbone trainable (002, Table 2). */
import type * as tf from '@tensorflow/tfjs';
import { isHeadLayer } from './build-model.ts';
import { countParams } from './count-params.ts';
import { ModelArgumentError } from './errors.ts';

export interface UnfreezeResult {
  trainableParams: number;
  totalParams: number;
  /** Backbone layers (holding trainable weights) made trainable. */
  unfrozenLayers: number;
  /** Backbone layers that hold trainable weights: the population the fraction applies to. */
  backboneLayers: number;
}

/**
 * Makes the top `fraction` of the backbone trainable and freezes the rest; the head (layers
 * named 'head_*') is always trainable.
 *
 * Which layers count: backbone layers that own trainable weights (convolutions, depthwise
 * convolutions, dense layers, batch norms), in the model's topological order. Weight-free layers
 * (activations, padding, pooling, adds) have nothing to freeze, and layers whose weights are all
 * non-trainable (EfficientNet's Normalization) are always frozen. The top
 * round(fraction * backboneLayers) of them are unfrozen. This is Keras' usual recipe
 * (`for layer in base.layers[:-k]: layer.trainable = False`) restricted to layers that hold
 * weights; blocks are not kept together, as Keras users slice the flat layer list and a block
 * boundary would make the fractions of Table 2 coarse (ResNet50V2 has 16 blocks).
 *
 * Frozen batch-norm layers run in inference mode even when the model is called with
 * `training: true` (KerasBatchNormalization), so their moving statistics stay as loaded;
 * unfrozen ones use batch statistics in training, as in Keras.
 *
 * Trainable parameters rise monotonically with the fraction. Cost: O(layers + weights).
 *
 * @throws ModelArgumentError when fraction is not in [0, 1].
 * @example unfreezeTop(buildModel({ backbone: 'efficientnetb0', ... }), 0.9).unfrozenLayers // 0.9 of the weighted backbone layers
 */
export function unfreezeTop(model: tf.LayersModel, fraction: number): UnfreezeResult {
  if (!(fraction >= 0 && fraction <= 1)) throw new ModelArgumentError('unfreezeTop', 'fraction', 'a number in [0, 1]', fraction);
  const weighted = model.layers.filter((l) => !isHeadLayer(l) && hasTrainableWeights(l));
  const k = Math.round(fraction * weighted.length);
  const unfrozen = new Set(weighted.slice(weighted.length - k));
  for (const layer of model.layers) {
    if (isHeadLayer(layer)) layer.trainable = true;
    else if (layer.weights.length > 0) layer.trainable = unfrozen.has(layer);
  }
  const counts = countParams(model);
  return { trainableParams: counts.trainable, totalParams: counts.total, unfrozenLayers: k, backboneLayers: weighted.length };
}

/**
 * Whether the layer declares trainable weights. Freezing a layer flips its weights' `trainable`
 * flags and hides them from `trainableWeights`, so neither can tell a frozen convolution from a
 * weight-free layer; tfjs keeps the declared list in `_trainableWeights` (protected, read only).
 */
function hasTrainableWeights(layer: tf.layers.Layer): boolean {
  return (layer as unknown as { _trainableWeights: tf.LayerVariable[] })._trainableWeights.length > 0;
}
