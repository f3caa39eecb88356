// Grad-CAM on a hand-built model whose answer is known exactly, and on a real backbone, on the
// cpu and wasm backends, with tf.memory() compared before and after.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { buildBackbone } from '../backbones/registry.ts';
import { buildModel } from '../build-model.ts';
import { ModelArgumentError } from '../errors.ts';
import { gradCam } from './grad-cam.ts';
import { evaluateSymbolic } from './symbolic-eval.ts';

const SIDE = 16;
// Registering wasm makes it the preferred backend; start on cpu before any tensor exists.
setWasmPaths(wasmDistDir());
await tf.setBackend('cpu');

/**
 * input 16x16x1 -> conv1x1 with kernels [+1, -1] and ReLU ('features': channel 0 = bright
 * pixels, channel 1 = dark pixels) -> 2x2 max pool -> GAP -> dense(2) with kernel [[2, 0], [0, 3]].
 * Logit 0 reads only bright pixels, logit 1 only dark ones. By hand: alpha = (2/64, 0) for class 0,
 * so the 8x8 map is relu(pooled channel 0): 1 on the bright quadrant, 0 elsewhere.
 */
function twoChannelModel(): tf.LayersModel {
  const input = tf.input({ shape: [SIDE, SIDE, 1] });
  const features = tf.layers
    .conv2d({
      name: 'features',
      filters: 2,
      kernelSize: 1,
      activation: 'relu',
      weights: [tf.tensor4d([1, -1], [1, 1, 1, 2]), tf.zeros([2])],
    })
    .apply(input) as tf.SymbolicTensor;
  const pooled = tf.layers.maxPooling2d({ name: 'pool', poolSize: 2 }).apply(features) as tf.SymbolicTensor;
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(pooled) as tf.SymbolicTensor;
  const logits = tf.layers
    .dense({ name: 'logits', units: 2, weights: [tf.tensor2d([2, 0, 0, 3], [2, 2]), tf.zeros([2])] })
    .apply(gap) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits });
}

/** +1 on the top-left quadrant, -1 on the bottom-right one, 0 elsewhere. */
function quadrantImage(): tf.Tensor4D {
  const v = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      if (y < SIDE / 2 && x < SIDE / 2) v[y * SIDE + x] = 1;
      if (y >= SIDE / 2 && x >= SIDE / 2) v[y * SIDE + x] = -1;
    }
  return tf.tensor4d(v, [1, SIDE, SIDE, 1]);
}

function quadrantMass(map: Float32Array, top: boolean, left: boolean): number {
  let inside = 0;
  let total = 0;
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const v = map[y * SIDE + x]!;
      total += v;
      if (y < SIDE / 2 === top && x < SIDE / 2 === left) inside += v;
    }
  return inside / total;
}

function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`gradCam on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend), `${backend} backend started`);
    });
    after(async () => {
      await tf.setBackend('cpu');
    });

    test('the hand-built model: class 0 lights the bright quadrant, class 1 the dark one, exactly', () => {
      const model = twoChannelModel();
      const x = quadrantImage();
      const before = tf.memory().numTensors;
      const bright = gradCam(model, x, 0);
      const dark = gradCam(model, x, 1);
      assert.equal(tf.memory().numTensors, before, 'no tensor leaked');
      assert.equal(bright.layerName, 'pool', 'default: the last 4-D layer before global pooling');
      assert.equal(bright.width, SIDE);
      assert.equal(bright.height, SIDE);
      assert.equal(bright.map.length, SIDE * SIDE);
      // Upsampling 8x8 -> 16x16 blurs only the one-pixel band at the quadrant's border.
      assert.ok(quadrantMass(bright.map, true, true) > 0.9, `bright mass in its quadrant ${quadrantMass(bright.map, true, true)}`);
      assert.ok(quadrantMass(dark.map, false, false) > 0.9, `dark mass in its quadrant ${quadrantMass(dark.map, false, false)}`);
      assert.equal(bright.map[0], 1);
      assert.equal(bright.map[SIDE * SIDE - 1], 0);
      // At the feature layer itself (16x16, no resampling) the map is the quadrant's indicator.
      const exact = gradCam(model, x, 0, { layerName: 'features' });
      assert.equal(exact.layerName, 'features');
      for (let y = 0; y < SIDE; y++)
        for (let c = 0; c < SIDE; c++) assert.equal(exact.map[y * SIDE + c], y < 8 && c < 8 ? 1 : 0, `pixel (${y}, ${c})`);
      tf.dispose([x, ...model.weights.map((w) => w.read())]);
    });

    test('a score no location raises gives an all-zero map, not NaN', () => {
      const model = twoChannelModel();
      const x = tf.zeros([1, SIDE, SIDE, 1]) as tf.Tensor4D;
      const cam = gradCam(model, x, 0);
      assert.ok(cam.map.every((v) => v === 0));
      x.dispose();
    });

    test('a CNN-3 classifier: input-sized, finite, non-negative, max 1 or all 0, no leak', () => {
      const model = buildModel({ backbone: 'cnn3', inputSize: 32, channels: 1, head: '16/0.20', numClasses: 3, seed: 4 });
      const x = tf.randomUniform([1, 32, 32, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
      const before = tf.memory().numTensors;
      for (let c = 0; c < 3; c++) {
        const { map, width, height, layerName } = gradCam(model, x, c);
        assert.equal(layerName, 'block3_pool');
        assert.deepEqual([width, height, map.length], [32, 32, 1024]);
        let max = 0;
        for (const v of map) {
          assert.ok(Number.isFinite(v) && v >= 0, `value ${v}`);
          max = Math.max(max, v);
        }
        assert.ok(max === 1 || max === 0, `max ${max}`);
      }
      assert.equal(tf.memory().numTensors, before, 'no tensor leaked');
      x.dispose();
      model.dispose();
    });

    test('CNN-5 at 32 px pools to 1x1: the default map is the last one larger than that, and it is not constant', () => {
      const model = buildModel({ backbone: 'cnn5', inputSize: 32, channels: 1, head: '16/0.20', numClasses: 2, seed: 4 });
      const x = tf.randomUniform([1, 32, 32, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
      const { map, layerName } = gradCam(model, x, 0);
      // block5_pool is 1x1; block5_bn, before it, is 2x2
      assert.equal(layerName, 'block5_bn');
      assert.ok(Math.max(...map) > Math.min(...map), 'a 2x2 map upsamples to a varying one');
      const single = gradCam(model, x, 0, { layerName: 'block5_pool' }).map;
      assert.ok(
        single.every((v) => v === single[0]),
        'the 1x1 map, asked for by name, is constant (why it is not the default)',
      );
      x.dispose();
      model.dispose();
    });

    test('evaluateSymbolic reproduces model.predict', () => {
      const model = buildModel({ backbone: 'cnn3', inputSize: 32, channels: 1, head: '16/0.20', numClasses: 3, seed: 4 });
      const x = tf.randomUniform([1, 32, 32, 1], 0, 1, 'float32', 3);
      const [a, b] = tf.tidy(() => [
        evaluateSymbolic(model.outputs[0]!, new Map([[model.inputs[0]!.id, x]])).dataSync(),
        (model.predict(x) as tf.Tensor).dataSync(),
      ]);
      for (let i = 0; i < b!.length; i++) assert.ok(Math.abs(a![i]! - b![i]!) < 1e-5, `logit ${i}: ${a![i]} vs ${b![i]}`);
      assert.throws(() => evaluateSymbolic(model.outputs[0]!, new Map()), /no value in the feed/);
      x.dispose();
      model.dispose();
    });
  });
}

test('a backbone nested as one layer of the classifier: its 4-D output is the default feature map', async () => {
  await tf.setBackend('cpu');
  const backbone = buildBackbone('cnn3', { inputSize: 32, channels: 1, seed: 2 });
  const input = tf.input({ shape: [32, 32, 1] });
  const features = backbone.apply(input) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, name: 'logits' }).apply(pooled) as tf.SymbolicTensor });
  const x = tf.randomUniform([1, 32, 32, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
  const before = tf.memory().numTensors;
  const cam = gradCam(model, x, 1);
  assert.equal(tf.memory().numTensors, before, 'no tensor leaked');
  assert.equal(cam.layerName, backbone.name);
  assert.equal(cam.map.length, 1024);
  assert.ok(cam.map.every((v) => Number.isFinite(v) && v >= 0 && v <= 1));
  x.dispose();
  model.dispose();
});

describe('gradCam refuses', () => {
  const model = twoChannelModel();
  const x = quadrantImage();
  const refuses = (what: string, f: () => unknown, pattern: RegExp) =>
    test(what, () => assert.throws(f, (e: unknown) => e instanceof ModelArgumentError && pattern.test(e.message)));
  refuses('an input of another size', () => gradCam(model, tf.zeros([1, 8, 8, 1]) as tf.Tensor4D, 0), /gradCam.*input.*\[1, 16, 16, 1\]/);
  refuses('a batch of two', () => gradCam(model, tf.zeros([2, SIDE, SIDE, 1]) as tf.Tensor4D, 0), /input/);
  refuses('a class index past the outputs', () => gradCam(model, x, 2), /classIndex.*\[0, 2\).*2/);
  refuses('a fractional class index', () => gradCam(model, x, 0.5), /classIndex/);
  refuses('an unknown layer, listing the 4-D ones', () => gradCam(model, x, 0, { layerName: 'nope' }), /layerName.*features, pool.*nope/);
  refuses('a layer whose output is not 4-D', () => gradCam(model, x, 0, { layerName: 'gap' }), /layerName.*gap/);
  refuses(
    'a model without a 4-D layer',
    () => {
      const i = tf.input({ shape: [4] });
      const dense = tf.model({ inputs: i, outputs: tf.layers.dense({ units: 1 }).apply(i) as tf.SymbolicTensor, name: 'mlp' });
      return gradCam(dense, tf.zeros([1, 4]) as unknown as tf.Tensor4D, 0);
    },
    /gradCam.*model.*4-D.*mlp/,
  );
});
