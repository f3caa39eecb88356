import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '@cxr/models';
import { selectBackend } from '../backend/index.ts';
import { leanVariableGrads } from './lean-variable-grads.ts';
import { modelVariables } from './model-variables.ts';
import { setDropoutStep } from './train-step.ts';

/** tf.variableGrads' gradients as arrays, in the order of `vars`. */
function reference(f: () => tf.Scalar, vars: tf.Variable[]): { value: number; grads: Float32Array[] } {
  const { value, grads } = tf.variableGrads(f, vars);
  const out = { value: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync().slice() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

function lean(f: () => tf.Scalar, vars: tf.Variable[]): { value: number; grads: Float32Array[] } {
  const { value, grads } = leanVariableGrads(f, vars);
  const out = { value: value.dataSync()[0]!, grads: grads.map((g) => g!.dataSync().slice() as Float32Array) };
  tf.dispose([value, ...grads.map((g) => g!)]);
  return out;
}

describe('leanVariableGrads', () => {
  // wasm: the backend whose heap this is for, with the project's fused gradient kernels (which
  // return several gradients from one kernel call, outside the per-input closures)
  before(async () => {
    await selectBackend('wasm');
  });

  test('matches tf.variableGrads bit for bit on a small EfficientNetB0 training step (swish, SE, depthwise, BN, dropout)', () => {
    const model = buildModel({
      backbone: 'efficientnetb0',
      inputSize: 32,
      channels: 3,
      head: '16/0.3',
      numClasses: 3,
      seed: 7,
      includeKerasPreprocessing: false,
    });
    const xs = tf.randomUniform([2, 32, 32, 3], -1, 1, 'float32', 3);
    const ys = tf.tensor2d([1, 0, 1, 0, 1, 1], [2, 3]);
    const vars = modelVariables(model)
      .filter((v) => v.trainable)
      .map((v) => v.variable);
    // same dropout masks in both passes: rewind the seeded dropout streams before each
    const f = () => tf.losses.sigmoidCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar;
    setDropoutStep(model, 0);
    const want = reference(f, vars);
    const before = tf.memory().numTensors;
    setDropoutStep(model, 0);
    const got = lean(f, vars);
    assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
    assert.equal(got.value, want.value);
    assert.equal(got.grads.length, want.grads.length);
    want.grads.forEach((w, i) => assert.deepEqual(got.grads[i], w, `gradient ${i} (${vars[i]!.name})`));
    tf.dispose([xs, ys]);
    model.dispose();
  });

  test('never holds more than the forward pass did, nor more than tf.variableGrads', async () => {
    const w = tf.variable(tf.randomNormal([64], 1, 0.1, 'float32', 1));
    const x = tf.randomNormal([256, 64], 0, 1, 'float32', 2);
    const layers = 20;
    let forwardEnd = 0;
    const f = () => {
      let h: tf.Tensor = x;
      for (let i = 0; i < layers; i++) h = tf.mul(h, w);
      const y = tf.sum(tf.square(h)) as tf.Scalar;
      forwardEnd = tf.memory().numBytes; // every forward intermediate is still alive here
      return y;
    };
    const excess = async (run: () => tf.Tensor[]) => (await tf.profile(() => tf.dispose(run()))).peakBytes - forwardEnd;
    const tfExcess = await excess(() => {
      const r = tf.variableGrads(f, [w]);
      return [r.value, r.grads[w.name]!];
    });
    const leanExcess = await excess(() => {
      const r = leanVariableGrads(f, [w]);
      return [r.value, r.grads[0]!];
    });
    const activation = 256 * 64 * 4;
    // (tfjs' byte count, which counts shared clones as copies.) lean: the saved activations minus
    // those already back-propagated, plus one or two gradients in flight - never above the
    // forward's count. How far tf.variableGrads goes above it depends on the gradient functions
    // (with eager two-output gradient kernels it held a gradient per layer); on real models the
    // difference is measured by packages/train/src/bench/memory.bench.ts.
    assert.ok(leanExcess <= activation, `lean: ${leanExcess} B above the forward's ${forwardEnd} B`);
    assert.ok(leanExcess <= tfExcess, `lean ${leanExcess} B above the forward, tf.variableGrads ${tfExcess} B`);
    tf.dispose([w, x]);
  });

  test('sums the gradients of a tensor used twice and copes with gradients that alias dy', () => {
    // a custom op whose gradient returns dy itself, applied to x twice: the two partial gradients
    // are the same tensor object as the incoming dy
    const passThrough = tf.customGrad(((a: tf.Tensor) => ({
      value: tf.mul(a, 1),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => dy,
    })) as unknown as Parameters<typeof tf.customGrad>[0]);
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const f = () => {
      const y = passThrough(v) as tf.Tensor;
      return tf.sum(tf.add(tf.mul(y, y), tf.mul(passThrough(y) as tf.Tensor, 3))) as tf.Scalar;
    };
    const want = reference(f, [v]);
    const before = tf.memory().numTensors;
    const got = lean(f, [v]);
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(Array.from(got.grads[0]!), [5, 7, 9]); // d/dv (v^2 + 3v) = 2v + 3
    assert.deepEqual(got.grads[0], want.grads[0]);
    v.dispose();
  });

  test('gives null for a variable the value does not depend on', () => {
    const a = tf.variable(tf.scalar(3));
    const b = tf.variable(tf.scalar(5));
    const { value, grads } = leanVariableGrads(() => tf.square(a) as tf.Scalar, [a, b]);
    assert.equal(value.dataSync()[0], 9);
    assert.equal(grads[0]!.dataSync()[0], 6);
    assert.equal(grads[1], null);
    tf.dispose([value, grads[0]!, a, b]);
  });

  test('throws on an empty variable list', () => {
    assert.throws(() => leanVariableGrads(() => tf.scalar(1), []), {
      name: 'TrainArgumentError',
      message: 'leanVariableGrads(vars): expected at least one variable, received "an empty list"',
    });
  });

  test('throws on a non-scalar value and leaves no tensors behind', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const before = tf.memory().numTensors;
    assert.throws(() => leanVariableGrads(() => tf.square(v) as unknown as tf.Scalar, [v]), {
      name: 'TrainArgumentError',
      message: 'leanVariableGrads(f): expected a function returning a scalar tensor, received "a rank-1 tensor"',
    });
    assert.equal(tf.memory().numTensors, before);
    v.dispose();
  });

  test('throws when no variable is connected to the value, leaving no tensors behind', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const before = tf.memory().numTensors;
    assert.throws(() => leanVariableGrads(() => tf.sum(tf.ones([2])) as tf.Scalar, [v]), {
      name: 'TrainArgumentError',
      message: 'leanVariableGrads(vars): expected variables the value depends on, received "1 unconnected variables"',
    });
    assert.equal(tf.memory().numTensors, before);
    v.dispose();
  });

  test('throws inside another gradient computation (nested gradients are not supported)', () => {
    const v = tf.variable(tf.scalar(2));
    assert.throws(() => tf.grad((x: tf.Tensor) => tf.mul(x, leanVariableGrads(() => tf.square(v) as tf.Scalar, [v]).value))(tf.scalar(1)), {
      name: 'TrainArgumentError',
      message: 'leanVariableGrads(f): expected a call outside any other gradient computation, received "gradient depth 1"',
    });
    v.dispose();
  });

  test('releases the tape when the function throws', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const before = tf.memory().numTensors;
    assert.throws(
      () =>
        leanVariableGrads(() => {
          tf.square(v);
          throw new Error('boom');
        }, [v]),
      /boom/,
    );
    assert.equal(tf.memory().numTensors, before);
    // the engine is usable afterwards: a gradient still works
    const r = leanVariableGrads(() => tf.sum(tf.square(v)) as tf.Scalar, [v]);
    assert.deepEqual(Array.from(r.grads[0]!.dataSync()), [2, 4]);
    tf.dispose([r.value, r.grads[0]!, v]);
  });
});
