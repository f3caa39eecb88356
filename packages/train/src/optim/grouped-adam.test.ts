import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { GroupedAdam } from './grouped-adam.ts';

// Gradient of the quadratic 0.5·||A·x - b||² at x, a fixed deterministic objective.
function grad(x: tf.Variable): tf.Tensor {
  return tf.tidy(() =>
    tf.grad((v: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(tf.sub(tf.mul(v, tf.tensor1d([1, -2, 3])), tf.tensor1d([0.5, 1, -1]))))))(x),
  );
}

describe('GroupedAdam', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  test('without weight decay it follows tf.train.adam (same β, ε) step by step', () => {
    const a = tf.variable(tf.tensor1d([0.3, -0.2, 0.9]));
    const b = tf.variable(tf.tensor1d([0.3, -0.2, 0.9]));
    const ours = new GroupedAdam();
    const ref = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
    for (let i = 0; i < 5; i++) {
      const g = grad(a);
      ours.step([{ key: 'x', variable: a, gradient: g, lr: 0.01, weightDecay: 0 }]);
      g.dispose();
      const gb = grad(b);
      ref.applyGradients([{ name: b.name, tensor: gb }]);
      gb.dispose();
    }
    expectClose(a.dataSync(), b.dataSync(), 1e-6, 'x after 5 steps');
    ours.dispose();
    ref.dispose();
    a.dispose();
    b.dispose();
  });

  test('AdamW shrinks weights by lr·λ·θ on a zero gradient after the moments decay (decoupled decay)', () => {
    const x = tf.variable(tf.tensor1d([2, -4]));
    const opt = new GroupedAdam();
    const g = tf.zeros([2]);
    opt.step([{ key: 'x', variable: x, gradient: g, lr: 0.1, weightDecay: 0.5 }]);
    // zero gradient: m = v = 0, the Adam step is 0, only θ(1 - 0.1·0.5) remains
    expectClose(x.dataSync(), [1.9, -3.8], 1e-6);
    g.dispose();
    opt.dispose();
    x.dispose();
  });

  test('two learning rates: each variable moves by its own rate (first Adam step is lr·sign(g))', () => {
    const head = tf.variable(tf.tensor1d([0]));
    const body = tf.variable(tf.tensor1d([0]));
    const g = tf.tensor1d([5]);
    const opt = new GroupedAdam();
    opt.step([
      { key: 'head', variable: head, gradient: g, lr: 1e-3, weightDecay: 0 },
      { key: 'body', variable: body, gradient: g, lr: 1e-4, weightDecay: 0 },
    ]);
    expectClose(head.dataSync()[0]!, -1e-3, 1e-9);
    expectClose(body.dataSync()[0]!, -1e-4, 1e-10);
    tf.dispose([head, body, g]);
    opt.dispose();
  });

  test('state saved after 3 steps and restored into a fresh optimiser continues bit-identically, without leaks', async () => {
    const start = tf.memory().numTensors;
    const run = async (restoreAt: number | null) => {
      const x = tf.tidy(() => tf.tensor1d([0.3, -0.2, 0.9]).variable());
      let opt = new GroupedAdam();
      for (let i = 0; i < 6; i++) {
        if (i === restoreAt) {
          const saved = await opt.getState();
          opt.dispose();
          opt = new GroupedAdam();
          opt.setState(saved);
        }
        const g = grad(x);
        opt.step([{ key: 'x', variable: x, gradient: g, lr: 0.05, weightDecay: 0.01 }]);
        g.dispose();
      }
      const out = Array.from(x.dataSync());
      opt.dispose();
      x.dispose();
      return out;
    };
    assert.deepEqual(await run(3), await run(null));
    assert.equal(tf.memory().numTensors, start);
  });

  test('bad arguments and inconsistent state throw naming what arrived', () => {
    assert.throws(() => new GroupedAdam({ beta1: 1 }), /GroupedAdam\(options.beta1\): expected a number in \[0, 1\), received 1/);
    assert.throws(() => new GroupedAdam({ beta2: -0.1 }), /GroupedAdam\(options.beta2\)/);
    assert.throws(() => new GroupedAdam({ epsilon: 0 }), /GroupedAdam\(options.epsilon\): expected a number > 0, received 0/);
    const x = tf.variable(tf.zeros([2]));
    const opt = new GroupedAdam();
    const g3 = tf.zeros([3]);
    assert.throws(
      () => opt.step([{ key: 'x', variable: x, gradient: g3, lr: 0.1, weightDecay: 0 }]),
      /GroupedAdam.step\(updates\[x\].gradient\): expected shape \[2\], received "shape \[3\]"/,
    );
    assert.throws(
      () => opt.step([{ key: 'x', variable: x, gradient: x, lr: -1, weightDecay: 0 }]),
      /GroupedAdam.step\(updates\[x\].lr\): expected a number >= 0, received -1/,
    );
    assert.throws(
      () => opt.setState({ slots: [{ key: 'x', step: 1, shape: [2], m: new Float32Array(2), v: new Float32Array(3) }] }),
      /GroupedAdam.setState: slot 'x' of shape \[2\] has 2 first and 3 second moments/,
    );
    opt.step([{ key: 'x', variable: x, gradient: x, lr: 0.1, weightDecay: 0 }]);
    const y = tf.variable(tf.zeros([4]));
    assert.throws(
      () => opt.step([{ key: 'x', variable: y, gradient: y, lr: 0.1, weightDecay: 0 }]),
      /GroupedAdam.step: variable 'x' changed shape from \[2\] to \[4\]/,
    );
    assert.equal(opt.slotCount, 1);
    tf.dispose([x, y, g3]);
    opt.dispose();
  });
});
