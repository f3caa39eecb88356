/**
 * Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
 * Localization", ICCV 2017 / IJCV 2019): for class c and a convolutional feature map A (h x w x K),
 * alpha_k = mean over (i, j) of d y_c / d A_ij^k and L = ReLU(sum_k alpha_k A^k), here upsampled
 * bilinearly to the input's size and divided by its maximum.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelArgumentError } from '../errors.ts';
import { evaluateSymbolic } from './symbolic-eval.ts';
import { upsampleBilinear } from './upsample-bilinear.ts';

export interface GradCamOptions {
  /** The layer whose 4-D output is A; default: the last layer with a 4-D output (before global pooling). */
  layerName?: string;
}

export interface GradCamResult {
  /** height x width, row-major, in [0, 1]: max 1, or all 0 when no location raises the score. */
  map: Float32Array;
  width: number;
  height: number;
  /** The layer whose feature map was used. */
  layerName: string;
}

/**
 * The Grad-CAM map of output `classIndex` of `model` (the logit for buildModel's classifiers) for
 * one image `input` [1, H, W, C], from `options.layerName`'s output or by default the last 4-D
 * feature map on the path to the output that is larger than 1x1 (a 1x1 map cannot locate). Runs on any backend (the graph is evaluated eagerly with
 * `training: false`); every intermediate tensor is disposed.
 *
 * @throws ModelArgumentError when input is not [1, H, W, C] matching the model's input, classIndex is
 *   not an output index, layerName names no layer or a layer whose output is not 4-D, or the model
 *   has no 4-D layer at all.
 * @example gradCam(model, tf.zeros([1, 32, 32, 1]), 2).map.length // 1024
 */
export function gradCam(model: tf.LayersModel, input: tf.Tensor4D, classIndex: number, options: GradCamOptions = {}): GradCamResult {
  const feature = featureTensor(model, options.layerName);
  const [batch, height, width, channels] = input.shape;
  const expected = model.inputs[0]!.shape;
  if (input.rank !== 4 || batch !== 1 || expected[1] !== height || expected[2] !== width || expected[3] !== channels) {
    throw new ModelArgumentError('gradCam', 'input', `shape [1, ${expected.slice(1).join(', ')}]`, input.shape);
  }
  const outputs = model.outputs[0]!.shape;
  const classes = outputs[outputs.length - 1] ?? 0;
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes) {
    throw new ModelArgumentError('gradCam', 'classIndex', `an integer in [0, ${classes})`, classIndex);
  }
  const inputId = model.inputs[0]!.id;

  const [camTensor, h, w] = tf.tidy(() => {
    const a = evaluateSymbolic(feature, new Map([[inputId, input]])) as tf.Tensor4D;
    const score = (fed: tf.Tensor): tf.Scalar => {
      const y = evaluateSymbolic(
        model.outputs[0]!,
        new Map([
          [inputId, input],
          [feature.id, fed],
        ]),
      );
      // slice, not gather: gather's gradient needs UnsortedSegmentSum, which wasm lacks.
      return y.reshape([-1]).slice(classIndex, 1).sum() as tf.Scalar;
    };
    const grads = tf.grad(score)(a);
    const alpha = grads.mean([1, 2], true);
    const cam = tf.relu(a.mul(alpha).sum(-1));
    return [cam, a.shape[1], a.shape[2]] as const;
  });
  const coarse = camTensor.dataSync() as Float32Array;
  camTensor.dispose();
  const map = upsampleBilinear(coarse, h, w, height, width);
  let max = 0;
  for (const v of map) if (v > max) max = v;
  if (max > 0 && Number.isFinite(max)) for (let i = 0; i < map.length; i++) map[i]! /= max;
  return { map, width, height, layerName: feature.sourceLayer.name };
}

/**
 * The 4-D symbolic tensors of the graph that computes the model's output, inputs first (post-order
 * from the output). Walking the graph rather than model.layers also finds a nested backbone, a
 * sub-model applied as one layer, whose `output` property is ambiguous (it has two inbound nodes).
 */
function fourDTensors(model: tf.LayersModel): tf.SymbolicTensor[] {
  const seen = new Set<number>();
  const order: tf.SymbolicTensor[] = [];
  const visit = (t: tf.SymbolicTensor): void => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    t.inputs.forEach(visit);
    if (t.inputs.length > 0 && t.shape.length === 4) order.push(t);
  };
  visit(model.outputs[0]!);
  return order;
}

function featureTensor(model: tf.LayersModel, name: string | undefined): tf.SymbolicTensor {
  const fourD = fourDTensors(model);
  if (name === undefined) {
    const last = fourD[fourD.length - 1];
    if (!last) throw new ModelArgumentError('gradCam', 'model', 'a model with a layer whose output is 4-D', model.name);
    // A 1x1 map (CNN-5 at 32 px pools down to one pixel) upsamples to a constant and locates
    // nothing, so take the last map that still has a spatial extent when there is one.
    const spatial = fourD.filter((t) => (t.shape[1] ?? 0) * (t.shape[2] ?? 0) > 1);
    return spatial[spatial.length - 1] ?? last;
  }
  const found = fourD.find((t) => t.sourceLayer.name === name);
  if (!found) {
    const names = fourD.map((t) => t.sourceLayer.name);
    const shown = names.length > 8 ? [...names.slice(0, 3), '...', ...names.slice(-4)] : names;
    throw new ModelArgumentError('gradCam', 'options.layerName', `a layer with a 4-D output (${shown.join(', ')})`, name);
  }
  return found;
}
