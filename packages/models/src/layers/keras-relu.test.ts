import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { KerasReLU } from './keras-relu.ts';

describe('KerasReLU', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  test('max_value 6: the values and gradient of the stock relu-then-clip layer, from one Relu6 op', async () => {
    const x = tf.tensor1d([-3, -0, 0, 0.5, 5.99, 6, 6.01, 100]);
    const ours = new KerasReLU({ maxValue: 6 });
    const stock = tf.layers.reLU({ maxValue: 6 });
    const f = (layer: tf.layers.Layer) => (t: tf.Tensor) => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, tf.range(1, 9)));
    expectClose((ours.apply(x) as tf.Tensor).dataSync(), (stock.apply(x) as tf.Tensor).dataSync(), 0, 'values');
    expectClose(tf.grad(f(ours))(x).dataSync(), tf.grad(f(stock))(x).dataSync(), 0, 'gradient');
    const info = await tf.profile(() => ours.apply(x) as tf.Tensor);
    assert.deepEqual(
      info.kernels.map((k) => k.name),
      ['Relu6'],
    );
  });

  test("other max values and plain ReLU fall back to the tfjs layer; config and class name are tfjs' own", () => {
    const x = tf.tensor1d([-1, 2, 7]);
    expectClose((new KerasReLU({ maxValue: 3 }).apply(x) as tf.Tensor).dataSync(), [0, 2, 3], 0, 'max 3');
    expectClose((new KerasReLU({}).apply(x) as tf.Tensor).dataSync(), [0, 2, 7], 0, 'no max');
    const layer = new KerasReLU({ maxValue: 6, name: 'Conv1_relu' });
    assert.equal(layer.getClassName(), 'ReLU');
    assert.equal(layer.getConfig()['maxValue'], 6);
  });
});
