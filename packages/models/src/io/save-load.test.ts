import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { makeTempDir } from '@cxr/testkit';
import { buildModel, isHeadLayer, type ModelSpec } from '../build-model.ts';
import { loadModelFrom, readModelMetadata, saveBackboneTo, saveModelTo } from './save-load.ts';
import { loadWeightsByName } from './load-weights-by-name.ts';
import { unfreezeTop } from '../unfreeze.ts';

const { dir: root, cleanup } = makeTempDir('models-io');
after(cleanup);
before(async () => {
  await tf.setBackend('cpu');
});

const spec = (over: Partial<ModelSpec> = {}): ModelSpec => ({
  backbone: 'cnn3',
  inputSize: 32,
  channels: 3,
  head: '16/0.2',
  numClasses: 4,
  seed: 1,
  ...over,
});

function predict(m: tf.LayersModel, x: tf.Tensor): Float32Array {
  return tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync() as Float32Array);
}

describe('saveModelTo / loadModelFrom', () => {
  for (const backbone of ['cnn3', 'efficientnetb0', 'mobilenetv2']) {
    test(`${backbone}: save -> load gives identical outputs, layer names and trainable flags`, async () => {
      const baseline = tf.memory().numTensors;
      const m = buildModel(spec({ backbone }));
      unfreezeTop(m, 0.5);
      const dir = join(root, `roundtrip-${backbone}`);
      await saveModelTo(m, dir, { spec: spec({ backbone }), epoch: 3 });
      assert.deepEqual(readdirSync(dir).sort(), ['model.json', 'weights.bin'], 'no temporary files left');
      const loaded = await loadModelFrom(dir);
      const x = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 11);
      assert.deepEqual(predict(loaded, x), predict(m, x));
      assert.deepEqual(
        loaded.layers.map((l) => l.name),
        m.layers.map((l) => l.name),
      );
      assert.deepEqual(
        loaded.layers.map((l) => l.trainable),
        m.layers.map((l) => l.trainable),
      );
      // Custom layer classes come back (frozen BN keeps Keras semantics after loading).
      assert.equal(loaded.layers.find((l) => l.getClassName() === 'BatchNormalization')!.constructor.name, 'KerasBatchNormalization');
      assert.deepEqual((await readModelMetadata(dir))['epoch'], 3);
      x.dispose();
      m.dispose();
      loaded.dispose();
      assert.equal(tf.memory().numTensors, baseline);
    });
  }

  test('overwriting a checkpoint replaces it whole', async () => {
    const dir = join(root, 'overwrite');
    const a = buildModel(spec({ seed: 1 }));
    const b = buildModel(spec({ seed: 2 }));
    await saveModelTo(a, dir);
    await saveModelTo(b, dir);
    const loaded = await loadModelFrom(dir);
    const x = tf.ones([1, 32, 32, 3]);
    assert.deepEqual(predict(loaded, x), predict(b, x));
    tf.dispose([x]);
    for (const m of [a, b, loaded]) m.dispose();
  });

  test('a missing directory is a ModelWeightsError naming it', async () => {
    await assert.rejects(loadModelFrom(join(root, 'nope')), (e: Error) => {
      assert.equal(e.name, 'ModelWeightsError');
      assert.match(e.message, /^loadModelFrom\(.*nope\): no such file or directory/);
      return true;
    });
  });

  test('a truncated weights file is reported, not loaded', async () => {
    const dir = join(root, 'truncated');
    const m = buildModel(spec());
    await saveModelTo(m, dir);
    const bin = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'weights.bin'), bin.subarray(0, bin.length - 8));
    await assert.rejects(loadModelFrom(dir), /weight shards hold \d+ bytes but the manifest describes \d+/);
    m.dispose();
  });
});

describe('loadWeightsByName', () => {
  test('a backbone checkpoint loads into a model with another head: head layers are missing, outputs of the backbone match', async () => {
    const baseline = tf.memory().numTensors;
    const pre = buildModel(spec({ seed: 3, head: '32/0.1', numClasses: 9 }));
    const dir = join(root, 'backbone');
    await saveBackboneTo(pre, dir);
    const fresh = buildModel(spec({ seed: 4 }));
    const report = await loadWeightsByName(fresh, dir);
    assert.deepEqual(report.matched, ['block1_conv', 'block1_bn', 'block2_conv', 'block2_bn', 'block3_conv', 'block3_bn']);
    assert.deepEqual(report.missing, ['head_dense_1', 'head_logits']);
    assert.deepEqual(report.unexpected, []);
    for (const name of report.matched) {
      const [a, b] = [pre.getLayer(name).getWeights(), fresh.getLayer(name).getWeights()];
      a.forEach((t, i) => assert.deepEqual(t.dataSync(), b[i]!.dataSync()));
    }
    pre.dispose();
    fresh.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });

  test('a whole checkpoint with a different head loads with skip: isHeadLayer; without skip the shape mismatch is an error', async () => {
    const pre = buildModel(spec({ seed: 3, numClasses: 9 }));
    const dir = join(root, 'whole');
    await saveModelTo(pre, dir);
    const fresh = buildModel(spec({ seed: 4, numClasses: 4 }));
    const before = fresh.getLayer('block1_conv').getWeights()[0]!.dataSync().slice();
    await assert.rejects(loadWeightsByName(fresh, dir), (e: Error) => {
      assert.equal(e.name, 'ModelWeightsError');
      assert.match(e.message, /layer 'head_logits' weight 'kernel': model shape \[16, 4\], source shape \[16, 9\]/);
      return true;
    });
    // Nothing was written by the failed load.
    assert.deepEqual(fresh.getLayer('block1_conv').getWeights()[0]!.dataSync(), before);
    const report = await loadWeightsByName(fresh, dir, { skip: (n) => n.startsWith('head_') });
    assert.deepEqual(report.skipped, ['head_dense_1', 'head_logits']);
    assert.deepEqual(report.missing, []);
    assert.deepEqual(report.unexpected, []);
    assert.equal(report.matched.length, 6);
    assert.ok(fresh.layers.filter(isHeadLayer).length > 0);
    pre.dispose();
    fresh.dispose();
  });

  test('Keras-converted files: <layer>/<weight> and Keras 3 <layer>/<index> names, unexpected layers, integer weights cast', async () => {
    const m = buildModel(spec({ backbone: 'cnn3', head: 'none' }));
    const conv = m.getLayer('block1_conv');
    const kernel = tf.fill(conv.getWeights()[0]!.shape, 0.5);
    const bias = tf.fill([16], -1, 'int32'); // Keras stores some weights (Normalization's count) as integers
    const extra = tf.zeros([3]);
    const named = { 'block1_conv/0': kernel, 'block1_conv/1': bias, 'predictions/kernel': extra };
    const { data, specs } = await tf.io.encodeWeights(named);
    const dir = join(root, 'keras3');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'group1-shard1of1.bin'), new Uint8Array(data as ArrayBuffer));
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({
        format: 'layers-model',
        modelTopology: null,
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: specs }],
      }),
    );
    const report = await loadWeightsByName(m, dir);
    assert.deepEqual(report.matched, ['block1_conv']);
    assert.deepEqual(report.unexpected, ['predictions']);
    assert.ok(report.missing.includes('block1_bn'));
    assert.ok(
      conv
        .getWeights()[1]!
        .dataSync()
        .every((v) => v === -1),
    );
    tf.dispose([kernel, bias, extra]);
    m.dispose();
  });

  test('a source holding only part of a layer is an error naming the layer', async () => {
    const m = buildModel(spec({ head: 'none' }));
    const t = tf.zeros([16]);
    const { data, specs } = await tf.io.encodeWeights({ 'block1_conv/bias': t });
    const dir = join(root, 'partial');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'w.bin'), new Uint8Array(data as ArrayBuffer));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ weightsManifest: [{ paths: ['w.bin'], weights: specs }] }));
    await assert.rejects(
      loadWeightsByName(m, join(dir, 'model.json')),
      /loadWeightsByName\(.*model.json\): layer 'block1_conv': the source holds only some of its weights \(lacks kernel\)/,
    );
    t.dispose();
    m.dispose();
  });

  test('malformed model.json is a ModelWeightsError', async () => {
    const dir = join(root, 'badjson');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.json'), '{"weightsManifest": 3}');
    const m = buildModel(spec({ head: 'none' }));
    await assert.rejects(loadWeightsByName(m, dir), /has no weightsManifest array/);
    writeFileSync(join(dir, 'model.json'), '{');
    await assert.rejects(loadWeightsByName(m, dir), /is not valid JSON/);
    m.dispose();
    assert.ok(existsSync(dir));
  });
});
