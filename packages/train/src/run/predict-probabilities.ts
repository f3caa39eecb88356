import * as tf from '@tensorflow/tfjs';
import type { ImageConfig } from '../config/run-config.ts';
import { TrainArgumentError } from '../errors.ts';

/**
 * Label probabilities of a run's model for prepared inputs (preprocessImageFile's arrays): the
 * model outputs logits, so this applies the sigmoid, in inference mode, as the evaluate phase
 * does. One array of K probabilities per input, in order. Leaves no tensors behind.
 *
 * @throws TrainArgumentError when an input does not have size * size * channels values.
 * @example (await predictProbabilities(model, [await preprocessImageFile('a.png', image)], image))[0] // Float32Array(10)
 */
export async function predictProbabilities(
  model: tf.LayersModel,
  inputs: readonly Float32Array[],
  image: ImageConfig,
): Promise<Float32Array[]> {
  const area = image.size * image.size * image.channels;
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
    const logits = model.apply(tf.tensor4d(flat, [inputs.length, image.size, image.size, image.channels]), {
      training: false,
    }) as tf.Tensor2D;
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
