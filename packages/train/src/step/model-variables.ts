import * as tf from '@tensorflow/tfjs';
import { HEAD_PREFIX } from '@cxr/models';
import { TrainStateError } from '../errors.ts';

/** One weight of a model with a key that is stable across processes for the same architecture. */
export interface ModelVariable {
  /** Position in orderedWeights(model), as a string (optimiser slot key). */
  key: string;
  variable: tf.Variable;
  /** Belongs to a head layer (name prefix @cxr/models' HEAD_PREFIX): trains at the head's learning rate. */
  head: boolean;
  trainable: boolean;
}

/**
 * The model's weights in an order that does not depend on trainability: layers in model order
 * (recursing into nested models), each layer's own trainable-kind then non-trainable-kind weights.
 * (model.weights lists all trainable weights first, so its order changes when layers are frozen.)
 *
 * @example orderedWeights(model).length === model.weights.length // true
 */
export function orderedWeights(model: tf.LayersModel): tf.LayerVariable[] {
  const out: tf.LayerVariable[] = [];
  const seen = new Set<number>();
  const visit = (layers: tf.layers.Layer[]) => {
    for (const layer of layers) {
      const inner = (layer as unknown as { layers?: tf.layers.Layer[] }).layers;
      if (Array.isArray(inner)) {
        visit(inner);
        continue;
      }
      const own = layer as unknown as { _trainableWeights: tf.LayerVariable[]; _nonTrainableWeights: tf.LayerVariable[] };
      for (const w of [...own._trainableWeights, ...own._nonTrainableWeights]) {
        if (seen.has(w.id)) continue;
        seen.add(w.id);
        out.push(w);
      }
    }
  };
  visit(model.layers);
  if (out.length !== model.weights.length) {
    throw new TrainStateError(
      'orderedWeights',
      `found ${out.length} weights walking the layers, model.weights has ${model.weights.length}`,
    );
  }
  return out;
}

/**
 * The model's weights (orderedWeights order) with stable keys, head flags and current
 * trainability. A weight is a head weight when the top-level layer owning it is named 'head_*'.
 *
 * @example modelVariables(model).filter((v) => v.trainable && v.head).length // head kernels and biases
 */
export function modelVariables(model: tf.LayersModel): ModelVariable[] {
  const headIds = new Set<number>();
  for (const layer of model.layers) {
    if (!layer.name.startsWith(HEAD_PREFIX)) continue;
    for (const w of layer.weights) headIds.add(w.id);
  }
  const trainableIds = new Set(model.trainableWeights.map((w) => w.id));
  return orderedWeights(model).map((w, i) => ({
    key: String(i),
    variable: w.read() as tf.Variable,
    head: headIds.has(w.id),
    trainable: trainableIds.has(w.id),
  }));
}

/**
 * Copies every weight of the model (orderedWeights order) to host memory, with async reads (the
 * webgpu backend has no synchronous one under Node).
 * @example const best = await snapshotWeights(model); restoreWeights(model, best);
 */
export async function snapshotWeights(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(orderedWeights(model).map(async (w) => ((await w.read().data()) as Float32Array).slice()));
}

/**
 * Writes a snapshot back into a model of the same architecture, leaving no tensors behind.
 *
 * @throws TrainStateError when the weight count or a weight's size differs.
 */
export function restoreWeights(model: tf.LayersModel, snapshot: Float32Array[]): void {
  const weights = orderedWeights(model);
  if (weights.length !== snapshot.length)
    throw new TrainStateError('restoreWeights', `the model has ${weights.length} weights, the snapshot ${snapshot.length}`);
  weights.forEach((w, i) => {
    const size = (w.shape as number[]).reduce((a, b) => a * b, 1);
    if (snapshot[i]!.length !== size)
      throw new TrainStateError('restoreWeights', `weight ${i} (${w.name}) has ${size} values, the snapshot ${snapshot[i]!.length}`);
  });
  tf.tidy(() => {
    weights.forEach((w, i) => w.write(tf.tensor(snapshot[i]!, w.shape as number[], 'float32')));
  });
}
