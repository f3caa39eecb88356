/**
 * Backbones by name, so experiment configs stay plain JSON and a typo is an error that lists the
 * valid names.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelArgumentError } from '../errors.ts';
import type { BackboneDef } from './backbone-def.ts';
import { alexNet } from './alexnet.ts';
import { cnnDef } from './cnn.ts';
import { customAlexNet } from './custom-alexnet.ts';
import { customDenseNet } from './custom-densenet.ts';
import { customResNet } from './custom-resnet.ts';
import { denseNet121 } from './densenet121.ts';
import { efficientNetB0 } from './efficientnet-b0.ts';
import { LayerKit } from './layer-kit.ts';
import { mobileNetV2 } from './mobilenet-v2.ts';
import { resNet101 } from './resnet-v1.ts';
import { resNet18 } from './resnet18.ts';
import { resNet50V2 } from './resnet50-v2.ts';
import { residualUnet, unet } from './unet.ts';

const DEFS: readonly BackboneDef[] = [
  cnnDef(3),
  cnnDef(4),
  cnnDef(5),
  cnnDef(6),
  mobileNetV2,
  resNet50V2,
  efficientNetB0,
  denseNet121,
  resNet101,
  // seed 003 (lightweight CNNs) and seed 004 (U-Net classifier)
  alexNet,
  resNet18,
  customAlexNet,
  customResNet,
  customDenseNet,
  unet,
  residualUnet,
];
const BY_NAME = new Map(DEFS.map((d) => [d.name, d]));

/** Valid backbone names, in table order. */
export const BACKBONE_NAMES: readonly string[] = DEFS.map((d) => d.name);

/**
 * The registry entry for `name`.
 *
 * @throws ModelArgumentError listing the valid names when `name` is unknown.
 * @example getBackboneDef('mobilenetv2').description // 'MobileNetV2 alpha 1.0 (...)'
 */
export function getBackboneDef(name: string, caller: { fn: string; arg: string } = { fn: 'getBackboneDef', arg: 'name' }): BackboneDef {
  const def = BY_NAME.get(name);
  if (!def) throw new ModelArgumentError(caller.fn, caller.arg, `one of ${BACKBONE_NAMES.join(', ')}`, name);
  return def;
}

export interface BackboneOptions {
  /** Side of the square input in pixels (>= 32). */
  inputSize: number;
  channels: 1 | 3;
  /** Seed of the initial weights: same seed, same weights. */
  seed: number;
  /** Add Keras' classification top (pooling + `classes`-way softmax 'predictions'); default false. */
  includeTop?: boolean;
  /** Classes of that top; default 1000 (ImageNet). */
  classes?: number;
  /** EfficientNet: build Keras' Rescaling/Normalization input stage; default true (as Keras). */
  includeKerasPreprocessing?: boolean;
}

/** Checks input size, channels and seed; shared with buildModel. */
export function checkInputOptions(fn: string, o: { inputSize: number; channels: number; seed: number }): void {
  if (!Number.isInteger(o.inputSize) || o.inputSize < 32) throw new ModelArgumentError(fn, 'inputSize', 'an integer >= 32', o.inputSize);
  if (o.channels !== 1 && o.channels !== 3) throw new ModelArgumentError(fn, 'channels', '1 or 3', o.channels);
  if (!Number.isInteger(o.seed)) throw new ModelArgumentError(fn, 'seed', 'an integer', o.seed);
}

/** Builds the input and the backbone's feature map on it with a seeded LayerKit. */
export function buildFeatures(
  name: string,
  o: BackboneOptions,
  fn: string,
  arg: string,
): { def: BackboneDef; kit: LayerKit; input: tf.SymbolicTensor; features: tf.SymbolicTensor } {
  const def = getBackboneDef(name, { fn, arg });
  const kit = new LayerKit(o.seed);
  const input = tf.input({ shape: [o.inputSize, o.inputSize, o.channels], name: 'input_layer' });
  const features = def.features(kit, input, { includeKerasPreprocessing: o.includeKerasPreprocessing ?? true });
  return { def, kit, input, features };
}

/**
 * A backbone as a tfjs-layers model: Keras Applications' `include_top=False, pooling=None` (the
 * last 4-D feature map) by default, or with Keras' classification top. Layer names are Keras'.
 * Cost: builds and initialises every weight (ResNet50V2: 23.6 M parameters, a few seconds on cpu).
 *
 * @throws ModelArgumentError for an unknown name, inputSize < 32, channels not 1 or 3, a
 *   non-integer seed or classes < 1.
 * @example countParams(buildBackbone('mobilenetv2', { inputSize: 224, channels: 3, seed: 1 })).total // 2257984
 */
export function buildBackbone(name: string, opts: BackboneOptions): tf.LayersModel {
  checkInputOptions('buildBackbone', opts);
  const classes = opts.classes ?? 1000;
  if (!Number.isInteger(classes) || classes < 1) throw new ModelArgumentError('buildBackbone', 'classes', 'an integer >= 1', classes);
  const { def, kit, input, features } = buildFeatures(name, opts, 'buildBackbone', 'name');
  const output = opts.includeTop ? def.top(kit, features, classes) : features;
  return tf.model({ inputs: input, outputs: output, name: def.name });
}
