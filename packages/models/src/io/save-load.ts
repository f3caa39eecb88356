/** Whole-model and backbone checkpoints in tfjs-layers format on the local disk. */
import * as tf from '@tensorflow/tfjs';
import '../layers/index.ts';
import { HEAD_PREFIX } from '../head.ts';
import { fileLoadHandler, fileSaveHandler } from './file-io-handler.ts';
import { readArtifacts } from './weights-source.ts';

/**
 * Saves topology and weights to `dir` (model.json + weights.bin, each written to a temporary name
 * and renamed). `metadata` (plain JSON, e.g. the ModelSpec and epoch) is stored in model.json's
 * userDefinedMetadata; read it back with readModelMetadata.
 *
 * @throws the file system's error when `dir` cannot be created or written.
 * @example await saveModelTo(model, 'weights/run-1/best', { spec }) // dir/model.json, dir/weights.bin
 */
export async function saveModelTo(model: tf.LayersModel, dir: string, metadata?: Record<string, unknown>): Promise<void> {
  await model.save(fileSaveHandler(dir, metadata));
}

/**
 * Loads a model saved by saveModelTo (or any tfjs-layers model.json using tfjs' and our layer
 * classes) from a directory, a model.json path or an http(s) URL the user gave.
 *
 * @throws ModelWeightsError when files are missing, unreadable or inconsistent.
 * @example const model = await loadModelFrom('weights/run-1/best')
 */
export async function loadModelFrom(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileLoadHandler(dir));
}

/**
 * Saves only the backbone of a model built by buildModel (input -> last feature map, the layers
 * before 'head_pool') to `dir`, in the same format; load it into another model with
 * loadWeightsByName (the head then shows up as `missing`). A model without head is saved whole.
 *
 * @example await saveBackboneTo(model, 'weights/pretrained/cnn5')
 */
export async function saveBackboneTo(model: tf.LayersModel, dir: string, metadata?: Record<string, unknown>): Promise<void> {
  const pool = model.layers.find((l) => l.name === `${HEAD_PREFIX}pool`);
  if (!pool) return saveModelTo(model, dir, metadata);
  // A second container over the same layers; never dispose it (that would free the shared weights).
  const view = tf.model({ inputs: model.inputs, outputs: pool.input as tf.SymbolicTensor, name: `${model.name}_backbone` });
  return saveModelTo(view, dir, metadata);
}

/**
 * The userDefinedMetadata saved with a model ({} when none).
 *
 * @throws ModelWeightsError when model.json cannot be read.
 */
export async function readModelMetadata(dir: string): Promise<Record<string, unknown>> {
  const { modelJson } = await readArtifacts('readModelMetadata', dir);
  return modelJson.userDefinedMetadata ?? {};
}
