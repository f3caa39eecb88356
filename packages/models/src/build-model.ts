/**
 * The classifier a run trains: backbone feature extractor + head in one flat functional model
 * (backbone layers keep their Keras names, head layers start with 'head_'), so weights load by
 * layer name and the trainer can give head and backbone different learning rates.
 */
import * as tf from '@tensorflow/tfjs';
import { buildFeatures, checkInputOptions } from './backbones/registry.ts';
import { ModelArgumentError } from './errors.ts';
import { featurePyramid, pyramidTapsOf } from './feature-pyramid.ts';
import { buildHeadOn, HEAD_PREFIX, headWord, parseHeadSpec } from './head.ts';

export interface ModelSpec {
  /** A name from BACKBONE_NAMES. */
  backbone: string;
  /** Side of the square input in pixels (>= 32). */
  inputSize: number;
  channels: 1 | 3;
  /** 'none' (bare backbone: output is the last feature map), 'logits' (pooling + logits alone) or e.g. '512/0.20', '256/0.30->128/0.30'. */
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
  /**
   * Seed 000's feature pyramid on the backbone's C3-C5 (only backbones with pyramid taps):
   * pooled levels (3 x channels) -> dense `projection` + ReLU replace the head's pooling.
   * Absent or null = the plain pooled feature map.
   */
  featurePyramid?: { channels: number; projection: number } | null;
  /**
   * Width of a second, tabular input 'patient_input' [b, n] (seed 000: age, sex, view) -> dense
   * 8 + ReLU, concatenated with the image features before the head's dense layers. Absent or 0 =
   * a single-input model.
   */
  patientFeatures?: number;
}

/** Units of the patient-data projection (seed 000: 8). */
export const PATIENT_UNITS = 8;

/**
 * Builds the model of `spec`: input [b, s, s, c] -> backbone -> head -> logits [b, numClasses]
 * (or the feature map for head 'none'). Weights are seeded: the same spec gives identical initial
 * weights. Every layer starts trainable; see unfreezeTop.
 *
 * With `patientFeatures` the model has two inputs, [image, patient] (in that order).
 *
 * @throws ModelArgumentError for an unknown backbone (listing the valid ones), a bad head spec,
 *   inputSize < 32, channels not 1 or 3, a non-integer seed or numClasses < 1, a feature pyramid
 *   on a backbone without taps or on a size whose levels do not halve, patientFeatures not an
 *   integer >= 0, or featurePyramid/patientFeatures with head 'none'.
 * @example buildModel({ backbone: 'cnn3', inputSize: 64, channels: 1, head: '256/0.20', numClasses: 10, seed: 1 }).outputs[0].shape // [null, 10]
 */
export function buildModel(spec: ModelSpec): tf.LayersModel {
  checkInputOptions('buildModel', spec);
  const head = parseHeadSpec(spec.head);
  const word = headWord(spec.head);
  const bare = word === 'none';
  if (head.length === 0 && word === null)
    throw new ModelArgumentError('buildModel', 'head', "'none', 'logits' or a head spec such as '512/0.20'", spec.head);
  if (!bare && (!Number.isInteger(spec.numClasses) || spec.numClasses < 1)) {
    throw new ModelArgumentError('buildModel', 'numClasses', 'an integer >= 1', spec.numClasses);
  }
  const { def, kit, input, features } = buildFeatures(
    spec.backbone,
    { ...spec, includeKerasPreprocessing: spec.includeKerasPreprocessing ?? true },
    'buildModel',
    'spec.backbone',
  );
  const patient = spec.patientFeatures ?? 0;
  if (!Number.isInteger(patient) || patient < 0) throw new ModelArgumentError('buildModel', 'patientFeatures', 'an integer >= 0', patient);
  if (bare && (spec.featurePyramid || patient > 0)) {
    throw new ModelArgumentError('buildModel', 'head', "a head spec (featurePyramid and patientFeatures need one, not 'none')", spec.head);
  }
  if (bare) return tf.model({ inputs: input, outputs: features, name: def.name });
  let pooled: tf.SymbolicTensor;
  if (spec.featurePyramid) {
    const taps = pyramidTapsOf(def, input, features, 'buildModel');
    const fpn = featurePyramid(kit, taps, spec.featurePyramid.channels, 'buildModel');
    pooled = kit.dense(fpn, `${HEAD_PREFIX}fpn_projection`, spec.featurePyramid.projection, 'relu');
  } else pooled = kit.gap(features, `${HEAD_PREFIX}pool`);
  const inputs = [input];
  if (patient > 0) {
    const tabular = tf.input({ shape: [patient], name: 'patient_input' });
    inputs.push(tabular);
    const projected = kit.dense(tabular, `${HEAD_PREFIX}patient_dense`, PATIENT_UNITS, 'relu');
    pooled = kit.concat([pooled, projected], `${HEAD_PREFIX}fusion_concat`);
  }
  const output = buildHeadOn(kit, pooled, head, spec.numClasses);
  return tf.model({ inputs, outputs: output, name: `${def.name}_classifier` });
}

/**
 * True for layers of the classification head (names starting with 'head_').
 *
 * @example isHeadLayer(model.getLayer('head_logits')) // true
 */
export function isHeadLayer(layer: tf.layers.Layer): boolean {
  return layer.name.startsWith(HEAD_PREFIX);
}
