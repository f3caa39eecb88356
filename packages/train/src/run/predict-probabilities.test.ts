import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { predictProbabilities } from './predict-probabilities.ts';

describe('predictProbabilities', () => {
  const image = { size: 2, channels: 1, normalization: 'unit' } as const;
  // logits = sum of the 4 pixels for label 0 and minus that sum for label 1
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [2, 2, 1] }),
      tf.layers.dense({ units: 2, useBias: false, weights: [tf.tensor2d([1, -1, 1, -1, 1, -1, 1, -1], [4, 2])] }),
    ],
  });

  test('applies the sigmoid to the logits, one array per input, in order', async () => {
    const before = tf.memory().numTensors;
    const out = await predictProbabilities(model, [new Float32Array(4), new Float32Array([0.25, 0.25, 0.25, 0.25])], image);
    assert.equal(out.length, 2);
    expectClose(Array.from(out[0]!), [0.5, 0.5], 1e-7);
    // sigmoid(1) = 0.7310585786300049, sigmoid(-1) = 0.2689414213699951
    expectClose(Array.from(out[1]!), [0.7310585786300049, 0.2689414213699951], 1e-6);
    assert.deepEqual(await predictProbabilities(model, [], image), []);
    assert.equal(tf.memory().numTensors, before);
  });

  test('refuses an input of the wrong length', async () => {
    await assert.rejects(predictProbabilities(model, [new Float32Array(3)], image), {
      name: 'TrainArgumentError',
      message: 'predictProbabilities(inputs[0]): expected a Float32Array of 4 values (2^2 x 1), received a Float32Array of length 3',
    });
  });

  test('a two-input model takes the patient features per image; a missing or extra patient input is refused', async () => {
    const img = tf.input({ shape: [2, 2, 1] });
    const tab = tf.input({ shape: [3], name: 'patient_input' });
    const flat = tf.layers.flatten().apply(img) as tf.SymbolicTensor;
    const both = tf.layers.concatenate().apply([flat, tab]) as tf.SymbolicTensor;
    // logit = the last patient feature (view): weights 0 on pixels, age and sex
    const out = tf.layers
      .dense({ units: 1, useBias: false, weights: [tf.tensor2d([0, 0, 0, 0, 0, 0, 1], [7, 1])] })
      .apply(both) as tf.SymbolicTensor;
    const two = tf.model({ inputs: [img, tab], outputs: out });
    const p = await predictProbabilities(two, [new Float32Array(4), new Float32Array(4)], image, [
      Float32Array.of(0.5, 1, 0),
      Float32Array.of(0.5, 1, 1),
    ]);
    expectClose([p[0]![0]!, p[1]![0]!], [0.5, 0.7310585786300049], 1e-6);
    await assert.rejects(
      () => predictProbabilities(two, [new Float32Array(4)], image),
      /predictProbabilities\(patient\): expected 3 patient features per image/,
    );
    await assert.rejects(
      () => predictProbabilities(model, [new Float32Array(4)], image, [Float32Array.of(1)]),
      /predictProbabilities\(patient\): expected nothing/,
    );
    await assert.rejects(
      () => predictProbabilities(two, [new Float32Array(4)], image, [Float32Array.of(1)]),
      /predictProbabilities\(patient\[0\]\): expected a Float32Array of 3 values/,
    );
  });
});
