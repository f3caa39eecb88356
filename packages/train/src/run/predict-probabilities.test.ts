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
});
