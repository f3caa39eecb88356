// The fused wasm gradients (batch norm, moments, activations, multiply) against tfjs' own
// gradients on the cpu backend (reference: tfjs-core 4.22 gradient registry), random inputs.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@cxr/data';
import { batchNormTraining, BATCH_NORM_TRAINING_GRAD_KERNEL, CHANNEL_MOMENTS_KERNEL } from '@cxr/models';
import { getKernel } from '@tensorflow/tfjs-core';
import { expectClose } from '@cxr/testkit';
import { selectBackend } from '../select-backend.ts';
import { runOnBackend } from '../run-on-backend.ts';
import { compareGradsWithCpu, randomInput, type RandomInput } from './testing.ts';
import { blockView } from './block-view.ts';

const rng = createRng(8, 'wasm-grad-override-tests');
const random = (shape: number[], scale = 1, offset = 0) => randomInput(rng, shape, scale, offset);
const compareGrads = (what: string, inputs: RandomInput[], f: (...xs: tf.Tensor[]) => tf.Tensor, relTol = 5e-5) =>
  compareGradsWithCpu(what, inputs, f, relTol);

describe('blockView', () => {
  test('finds the [A, B, C] view of common broadcasts and rejects the rest', () => {
    assert.deepEqual(blockView([2, 3, 4, 5], [5]), [1, 24, 5]);
    assert.deepEqual(blockView([2, 3, 4, 5], [1, 1, 1, 5]), [1, 24, 5]);
    assert.deepEqual(blockView([2, 3, 4, 5], [2, 1, 1, 5]), [2, 12, 5]);
    assert.deepEqual(blockView([2, 3, 4, 5], []), [1, 120, 1]);
    assert.deepEqual(blockView([2, 3, 4, 5], [2, 3, 4, 5]), [120, 1, 1]);
    assert.equal(blockView([2, 3, 4, 5], [2, 1, 4, 1]), null);
    assert.equal(blockView([2, 3], [4]), null);
  });
});

describe('fused wasm gradients vs cpu', () => {
  before(async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
  });

  test('batch norm in training mode (moments + batchNorm, as tfjs-layers does): dx, dgamma, dbeta', async () => {
    const x = random([3, 5, 4, 6], 2, 1);
    const gamma = random([6], 0.5, 1);
    const beta = random([6]);
    const r = random([3, 5, 4, 6]);
    await compareGrads('batch norm', [x, gamma, beta], (xt, g, b) => {
      const { mean, variance } = tf.moments(xt!, [0, 1, 2]);
      return tf.sum(
        tf.mul(
          tf.batchNorm4d(xt as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3),
          tf.tensor(r.v, r.shape),
        ),
      );
    });
  });

  test("@cxr/models' batchNormTraining: the fused wasm statistics and backward pass equal cpu's tfjs ops", async () => {
    for (const name of [BATCH_NORM_TRAINING_GRAD_KERNEL, CHANNEL_MOMENTS_KERNEL]) {
      assert.ok(getKernel(name, 'wasm') != null, `${name} registered for wasm`);
      assert.equal(getKernel(name, 'cpu'), undefined, `${name} not for cpu`);
    }
    // the statistics alone, with a large mean (two-pass variance: no cancellation)
    const shifted = random([5, 4, 3, 6], 0.01, 1000);
    const stats = () => {
      const { mean, variance, y } = batchNormTraining(tf.tensor(shifted.v, shifted.shape), tf.ones([6]), tf.zeros([6]), 1e-3);
      return [mean, variance, y];
    };
    const [cpuMean, cpuVar] = await runOnBackend('cpu', stats);
    const [wasmMean, wasmVar] = await runOnBackend('wasm', stats);
    expectClose(wasmMean!, cpuMean!, 1e-4, 'mean');
    const exactVar = Array.from({ length: 6 }, (_, j) => {
      const v = shifted.v.filter((_, i) => i % 6 === j);
      const mu = v.reduce((a, b) => a + b, 0) / v.length;
      return v.reduce((a, b) => a + (b - mu) ** 2, 0) / v.length;
    });
    expectClose(wasmVar!, exactVar, 1e-3 * Math.max(...exactVar), 'wasm variance vs float64');
    expectClose(cpuVar!, exactVar, 0.05 * Math.max(...exactVar), 'cpu variance vs float64 (float32 tfjs ops)');
    const x = random([4, 6, 5, 7], 3, -2);
    const gamma = random([7], 0.5, 1);
    const beta = random([7]);
    const r = random([4, 6, 5, 7]);
    await compareGrads('batchNormTraining', [x, gamma, beta], (xt, g, b) => {
      const { y, mean, variance } = batchNormTraining(xt!, g!, b!, 1e-3);
      tf.dispose([mean, variance]);
      return tf.sum(tf.mul(y, tf.tensor(r.v, r.shape)));
    });
  });

  test("batch norm with [1, 1, 1, C] statistics (tfjs' own gradient breaks here) equals the [C] case", async () => {
    const x = random([2, 4, 4, 3], 1, -1);
    const gamma = random([3], 0.5, 1);
    const beta = random([3]);
    const r = random([2, 4, 4, 3]);
    const run = (rank4: boolean) => () => {
      const [xt, g, b] = [x, gamma, beta].map((i) => tf.tensor(i.v, rank4 && i !== x ? [1, 1, 1, 3] : i.shape));
      const { value, grads } = tf.valueAndGrads((xx: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => {
        const { mean, variance } = tf.moments(xx, [0, 1, 2], rank4);
        return tf.sum(
          tf.mul(
            tf.batchNorm4d(xx as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, bb as tf.Tensor1D, gg as tf.Tensor1D, 1e-3),
            tf.tensor(r.v, r.shape),
          ),
        );
      })([xt!, g!, b!]);
      return [value, ...grads];
    };
    const cpu = await runOnBackend('cpu', run(false));
    const wasm = await runOnBackend('wasm', run(true));
    for (let i = 0; i < cpu.length; i++)
      expectClose(wasm[i]!, cpu[i]!, 5e-5 * Math.max(1, ...Array.from(cpu[i]!, Math.abs)), `rank-4 batch norm ${i}`);
  });

  test('relu, relu6, clipByValue(relu) (the Keras ReLU(6) layer), sigmoid, swish', async () => {
    const x = random([2, 4, 4, 8], 4, 1);
    // exact break points 0 and 6 included on purpose
    x.v[0] = 0;
    x.v[1] = 6;
    // -0 and the floats next to 6 (the bit-pattern mask must treat them as the float compare does)
    x.v[2] = -0;
    x.v[3] = Math.fround(6 + 4.8e-7);
    x.v[4] = Math.fround(6 - 4.8e-7);
    const r = random([2, 4, 4, 8]);
    const rt = () => tf.tensor(r.v, r.shape);
    await compareGrads('relu', [x], (t) => tf.sum(tf.mul(tf.relu(t!), rt())));
    await compareGrads('relu6', [x], (t) => tf.sum(tf.mul(tf.relu6(t!), rt())));
    await compareGrads('clip(relu)', [x], (t) => tf.sum(tf.mul(tf.clipByValue(tf.relu(t!), 0, 6), rt())));
    await compareGrads('sigmoid', [x], (t) => tf.sum(tf.mul(tf.sigmoid(t!), rt())));
    await compareGrads('swish', [x], (t) => tf.sum(tf.mul(tf.mul(tf.sigmoid(tf.mul(t!, 1)), t!), rt())));
  });

  test('mean and sum over leading, middle and all axes; square', async () => {
    const x = random([2, 3, 4, 5]);
    await compareGrads('mean [1,2]', [x], (t) => tf.sum(tf.square(tf.mean(t!, [1, 2]))));
    await compareGrads('mean [0,1,2]', [x], (t) => tf.sum(tf.square(tf.mean(t!, [0, 1, 2]))));
    await compareGrads('sum [1,2] keepDims', [x], (t) => tf.sum(tf.square(tf.sum(t!, [1, 2], true))));
    await compareGrads('mean all', [x], (t) => tf.square(tf.mean(t!)));
    await compareGrads('mean [0,2] (not one block: tfjs fallback)', [x], (t) => tf.sum(tf.square(tf.mean(t!, [0, 2]))));
  });

  test('multiply: same shape, squeeze-excite broadcast [N,1,1,C], scalar, broadcast on the left', async () => {
    const a = random([2, 3, 3, 4]);
    const b = random([2, 3, 3, 4]);
    const s = random([2, 1, 1, 4]);
    const k = random([]);
    const r = random([2, 3, 3, 4]);
    const rt = () => tf.tensor(r.v, r.shape);
    await compareGrads('mul same', [a, b], (x, y) => tf.sum(tf.mul(tf.mul(x!, y!), rt())));
    await compareGrads('mul SE', [a, s], (x, y) => tf.sum(tf.mul(tf.mul(x!, y!), rt())));
    await compareGrads('mul SE left', [s, a], (y, x) => tf.sum(tf.mul(tf.mul(y!, x!), rt())));
    await compareGrads('mul scalar', [a, k], (x, y) => tf.sum(tf.mul(tf.mul(x!, y!), rt())));
  });
});
