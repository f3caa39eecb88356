import * as tf from '@tensorflow/tfjs';
import type { ImageConfig } from '../config/run-config.ts';
import { TrainArgumentError } from '../errors.ts';

/**
 * Label probabilities of a run's model for prepared inputs (preprocessImageFile's arrays): the
 * model outputs logits, so this applies the sigmoid, in inference mode, as the evaluate phase
 * does. One array of K probabilities per input, in order. Leaves no tensors behind.
 *
 * A two-input model (patient data, seed 000) takes `patient`: one feature vector per input
 * (patientFeatures of @cxr/data, in the run's meta.json `patientInputs` order).
 *
 * @throws TrainArgumentError when an input does not have size * size * channels values, or
 *   `patient` is missing for a two-input model, given for an image-only one, or of the wrong shape.
 * @example (await predictProbabilities(model, [await preprocessImageFile('a.png', image)], image))[0] // Float32Array(10)
 */
export async function predictProbabilities(
  model: tf.LayersModel,
  inputs: readonly Float32Array[],
  image: ImageConfig,
  patient?: readonly Float32Array[],
): Promise<Float32Array[]> {
  const fn = 'predictProbabilities';
  const area = image.size * image.size * image.channels;
  const features = model.inputs.length > 1 ? (model.inputs[1]!.shape[1] as number) : 0;
  if (features > 0 && !patient)
    throw new TrainArgumentError(fn, 'patient', `${features} patient features per image (the model has a patient input)`, patient);
  if (features === 0 && patient)
    throw new TrainArgumentError(fn, 'patient', 'nothing (the model takes the image alone)', 'patient features');
  if (patient) {
    if (patient.length !== inputs.length)
      throw new TrainArgumentError(fn, 'patient', `${inputs.length} feature vectors, one per input`, patient.length);
    patient.forEach((p, i) => {
      if (!(p instanceof Float32Array) || p.length !== features)
        throw new TrainArgumentError(fn, `patient[${i}]`, `a Float32Array of ${features} values`, p);
    });
  }
  inputs.forEach((x, i) => {
    if (!(x instanceof Float32Array) || x.length !== area)
      throw new TrainArgumentError(
        'predictProbabilities',
        `inputs[${i}]`,
        `a Float32Array of ${area} values (${image.size}^2 x ${image.channels})`,
        x,
      );
  });
  if (inputs.length === 0) return [];
  const flat = new Float32Array(inputs.length * area);
  inputs.forEach((x, i) => flat.set(x, i * area));
  const probT = tf.tidy(() => {
    const xs = tf.tensor4d(flat, [inputs.length, image.size, image.size, image.channels]);
    const tabular = patient ? tf.tensor2d(Float32Array.from(patient.flatMap((p) => Array.from(p))), [patient.length, features]) : null;
    const logits = model.apply(tabular ? [xs, tabular] : xs, { training: false }) as tf.Tensor2D;
    return tf.sigmoid(logits);
  });
  let probs: Float32Array;
  try {
    probs = (await probT.data()) as Float32Array; // async: webgpu has no synchronous read
  } finally {
    probT.dispose();
  }
  const k = probs.length / inputs.length;
  return inputs.map((_, i) => probs.slice(i * k, (i + 1) * k));
}
