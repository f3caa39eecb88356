/**
 * The classifier a run trains: backbone feature extractor + head in one flat functional model
 * (backbone layers keep their Keras names, head layers start with 'head_'), so weights load by
 * layer name and the trainer can give head and backbone different learning rates.
 */
import * as tf from '@tensorflow/tfjs';
import { buildFeatures, checkInputOptions } from './backbones/registry.ts';
import { ModelArgumentError } from './errors.ts';
import { buildHead, HEAD_PREFIX, parseHeadSpec } from './head.ts';

export interface ModelSpec {
  /** A name from BACKBONE_NAMES. */
  backbone: string;
  /** Side of the square input in pixels (>= 32). */
  inputSize: number;
  channels: 1 | 3;
  /** 'none' (bare backbone: output is the last feature map) or e.g. '512/0.20', '256/0.30->128/0.30'. */
  head: string;
  /** Logits of the last dense layer (labels K); ignored when head is 'none'. */
  numClasses: number;
  /** Seed of initial weights and dropout masks. */
  seed: number;
  /**
   * EfficientNet only: build Keras' in-model preprocessing (inputs in [0, 255]); default true, as
   * in Keras. Pass false when the data pipeline already normalises (ImageNet statistics).
   */
  includeKerasPreprocessing?: boolean;
}

/**
 * Builds the model of `spec`: input [b, s, s, c] -> backbone -> head -> logits [b, numClasses]
 * (or the feature map for head 'none'). Weights are seeded: the same spec gives identical initial
 * weights. Every layer starts trainable; see unfreezeTop.
 *
 * @throws ModelArgumentError for an unknown backbone (listing the valid ones), a bad head spec,
 *   inputSize < 32, channels not 1 or 3, a non-integer seed or numClasses < 1.
 * @example buildModel({ backbone: 'cnn3', inputSize: 64, channels: 1, head: '256/0.20', numClasses: 10, seed: 1 }).outputs[0].shape // [null, 10]
 */
export function buildModel(spec: ModelSpec): tf.LayersModel {
  checkInputOptions('buildModel', spec);
  const head = parseHeadSpec(spec.head);
  const bare = spec.head.trim().toLowerCase() === 'none';
  if (!bare && head.length === 0) throw new ModelArgumentError('buildModel', 'head', "'none' or a head spec such as '512/0.20'", spec.head);
  if (!bare && (!Number.isInteger(spec.numClasses) || spec.numClasses < 1)) {
    throw new ModelArgumentError('buildModel', 'numClasses', 'an integer >= 1', spec.numClasses);
  }
  const { def, kit, input, features } = buildFeatures(
    spec.backbone,
    { ...spec, includeKerasPreprocessing: spec.includeKerasPreprocessing ?? true },
    'buildModel',
    'spec.backbone',
  );
  const output = bare ? features : buildHead(kit, features, head, spec.numClasses);
  return tf.model({ inputs: input, outputs: output, name: bare ? def.name : `${def.name}_classifier` });
}

/**
 * True for layers of the classification head (names starting with 'head_').
 *
 * @example isHeadLayer(model.getLayer('head_logits')) // true
 */
export function isHeadLayer(layer: tf.layers.Layer): boolean {
  return layer.name.startsWith(HEAD_PREFIX);
}
