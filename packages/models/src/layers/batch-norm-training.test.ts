// batchNormTraining against tfjs' own training-mode batch norm (moments then batchNorm, as
// tfjs-layers does), differentiated by tfjs' autodiff: values and gradients on the cpu backend;
// and KerasBatchNormalization's training call against the stock tfjs-layers layer.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { batchNormTraining, BATCH_NORM_TRAINING_GRAD_KERNEL } from './batch-norm-training.ts';
import { KerasBatchNormalization } from './keras-batch-normalization.ts';

function seeded(shape: number[], seed: number, scale = 1, offset = 0): tf.Tensor {
  return tf.add(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale), offset);
}

const reference = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
  const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]);
  return tf.batchNorm(x, mean, variance, b, g, 1e-3);
};

describe('batchNormTraining', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  for (const shape of [
    [3, 5, 4, 6],
    [7, 6],
    [2, 3, 5],
  ]) {
    test(`rank ${shape.length}: values, batch statistics and gradients of x, gamma, beta equal tfjs autodiff`, () => {
      assert.equal(tf.getKernel(BATCH_NORM_TRAINING_GRAD_KERNEL, 'cpu'), undefined, 'the cpu backend runs the closed form as tfjs ops');
      const c = shape.at(-1)!;
      const x = seeded(shape, 1, 2, 1);
      const gamma = seeded([c], 2, 0.5, 1);
      const beta = seeded([c], 3);
      const weight = seeded(shape, 4); // a non-uniform upstream gradient
      const ours = tf.valueAndGrads((xt: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(batchNormTraining(xt, g, b, 1e-3).y, weight)),
      )([x, gamma, beta]);
      const theirs = tf.valueAndGrads((xt: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(reference(xt, g, b), weight)))([
        x,
        gamma,
        beta,
      ]);
      expectClose(ours.value.dataSync(), theirs.value.dataSync(), 1e-4, 'value');
      ours.grads.forEach((g, i) =>
        expectClose(
          g.dataSync(),
          theirs.grads[i]!.dataSync(),
          2e-5 * Math.max(1, ...Array.from(theirs.grads[i]!.dataSync(), Math.abs)),
          `grad ${i}`,
        ),
      );
      const { mean, variance } = batchNormTraining(x, gamma, beta, 1e-3);
      const m = tf.moments(x, [...Array(x.rank - 1).keys()]);
      expectClose(mean.dataSync(), m.mean.dataSync(), 1e-6, 'mean');
      expectClose(variance.dataSync(), m.variance.dataSync(), 1e-6, 'variance');
    });
  }

  test('leaves no tensors behind: a gradient step inside tidy, and the statistics owned by the caller', () => {
    const x = seeded([2, 3, 3, 4], 6);
    const gamma = seeded([4], 7, 0.5, 1);
    const beta = seeded([4], 8);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((xt: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(batchNormTraining(xt, g, b, 1e-3).y)))([x, gamma, beta]);
    });
    assert.equal(tf.memory().numTensors, before, 'after a tidy gradient');
    const out = batchNormTraining(x, gamma, beta, 1e-3);
    assert.equal(tf.memory().numTensors, before + 3, 'y, mean and variance, nothing else');
    tf.dispose([out.y, out.mean, out.variance]);
  });

  test('KerasBatchNormalization in training mode: same output and moving statistics as the stock tfjs layer', () => {
    const args = { momentum: 0.9, epsilon: 1e-3, betaInitializer: 'randomNormal', gammaInitializer: 'randomNormal' } as const;
    const ours = new KerasBatchNormalization(args);
    const stock = tf.layers.batchNormalization(args);
    const x = seeded([4, 3, 3, 5], 5, 3, 2);
    ours.build(x.shape);
    stock.build(x.shape);
    stock.setWeights(ours.getWeights());
    const a = ours.apply(x, { training: true }) as tf.Tensor;
    const b = stock.apply(x, { training: true }) as tf.Tensor;
    expectClose(a.dataSync(), b.dataSync(), 1e-5, 'output');
    ours.getWeights().forEach((w, i) => expectClose(w.dataSync(), stock.getWeights()[i]!.dataSync(), 1e-6, `weight ${i}`));
    assert.notDeepEqual(Array.from(ours.getWeights()[2]!.dataSync()), [0, 0, 0, 0, 0], 'moving mean moved');
  });
});
