import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildModel, isHeadLayer, type ModelSpec } from './build-model.ts';
import { countParams } from './count-params.ts';

before(async () => {
  await tf.setBackend('cpu');
});

const spec = (over: Partial<ModelSpec> = {}): ModelSpec => ({
  backbone: 'cnn3',
  inputSize: 32,
  channels: 1,
  head: '256/0.20',
  numClasses: 10,
  seed: 7,
  ...over,
});

function weightsOf(m: tf.LayersModel): Float32Array[] {
  return m.weights.map((w) => w.read().dataSync() as Float32Array);
}

describe('buildModel', () => {
  test('outputs K logits, with head layers prefixed head_ and no sigmoid', () => {
    const baseline = tf.memory().numTensors;
    const m = buildModel(spec());
    assert.deepEqual(m.outputs[0]!.shape, [null, 10]);
    const head = m.layers.filter(isHeadLayer).map((l) => l.name);
    assert.deepEqual(head, ['head_pool', 'head_dense_1', 'head_dropout_1', 'head_logits']);
    const logits = m.getLayer('head_logits').getConfig();
    assert.equal(logits['activation'], 'linear');
    // Thesis Table 1: CNN-3 with a 256/0.20 head and 10 logits is 0.04 M parameters (3 channels).
    const rgb = buildModel(spec({ channels: 3 }));
    assert.equal(Math.round(countParams(rgb).total / 1e4) / 100, 0.04);
    m.dispose();
    rgb.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });

  test('two dense layers and their dropouts in order; zero dropout adds no dropout layer', () => {
    const m = buildModel(spec({ head: '256/0.30->128/0' }));
    assert.deepEqual(
      m.layers.filter(isHeadLayer).map((l) => l.name),
      ['head_pool', 'head_dense_1', 'head_dropout_1', 'head_dense_2', 'head_logits'],
    );
    assert.equal((m.getLayer('head_dense_2').outputShape as number[])[1], 128);
    m.dispose();
  });

  test("head 'none' is the bare backbone: feature map out, no head layers", () => {
    const m = buildModel(spec({ head: 'none', backbone: 'mobilenetv2', channels: 3 }));
    assert.deepEqual(m.outputs[0]!.shape, [null, 1, 1, 1280]);
    assert.equal(countParams(m).total, 2_257_984);
    assert.equal(m.layers.some(isHeadLayer), false);
    m.dispose();
  });

  test("head 'logits' is pooling and the K-logit layer alone (a linear classifier)", () => {
    const m = buildModel(spec({ head: 'logits', backbone: 'mobilenetv2', channels: 3 }));
    assert.deepEqual(m.outputs[0]!.shape, [null, 10]);
    assert.deepEqual(
      m.layers.filter(isHeadLayer).map((l) => l.name),
      ['head_pool', 'head_logits'],
    );
    assert.equal(countParams(m).total, 2_257_984 + 1280 * 10 + 10);
    m.dispose();
  });

  test('same seed gives identical initial weights, another seed different ones (every random tensor)', () => {
    const baseline = tf.memory().numTensors;
    for (const backbone of ['cnn4', 'efficientnetb0']) {
      const a = buildModel(spec({ backbone }));
      const b = buildModel(spec({ backbone }));
      const c = buildModel(spec({ backbone, seed: 8 }));
      const [wa, wb, wc] = [weightsOf(a), weightsOf(b), weightsOf(c)];
      assert.equal(wa.length, wc.length);
      for (let i = 0; i < wa.length; i++) {
        assert.deepEqual(wa[i], wb[i], `${backbone}: ${a.weights[i]!.originalName} differs across builds with one seed`);
        const random = /kernel/.test(a.weights[i]!.originalName);
        if (random) assert.notDeepEqual(wa[i], wc[i], `${backbone}: ${a.weights[i]!.originalName} equal across seeds`);
      }
      for (const m of [a, b, c]) m.dispose();
    }
    assert.equal(tf.memory().numTensors, baseline);
  });

  test('a layer keeps its initial weights when other layers are added (seeds by layer name)', () => {
    const small = buildModel(spec({ head: '256/0.2' }));
    const big = buildModel(spec({ head: '256/0.2->64/0.2' }));
    assert.deepEqual(small.getLayer('block2_conv').getWeights()[0]!.dataSync(), big.getLayer('block2_conv').getWeights()[0]!.dataSync());
    small.dispose();
    big.dispose();
  });

  test('spec errors name the argument', () => {
    assert.throws(
      () => buildModel(spec({ backbone: 'effnet' })),
      /buildModel\(spec.backbone\): expected one of cnn3, .*densenet121, .*residual-unet.*, received "effnet"/,
    );
    assert.throws(() => buildModel(spec({ head: '512' })), /parseHeadSpec\(spec\)/);
    assert.throws(
      () => buildModel(spec({ head: ' ' })),
      /buildModel\(head\): expected 'none', 'logits' or a head spec such as '512\/0.20', received " "/,
    );
    assert.throws(() => buildModel(spec({ numClasses: 0 })), /buildModel\(numClasses\): expected an integer >= 1, received 0/);
    assert.throws(() => buildModel(spec({ inputSize: 16 })), /buildModel\(inputSize\): expected an integer >= 32, received 16/);
  });
});
