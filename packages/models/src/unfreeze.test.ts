import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildModel, isHeadLayer } from './build-model.ts';
import { countParams } from './count-params.ts';
import { unfreezeTop } from './unfreeze.ts';

before(async () => {
  await tf.setBackend('cpu');
});

const FRACTIONS = [0, 0.25, 0.5, 0.75, 0.9, 1.0];

describe('unfreezeTop', () => {
  for (const backbone of ['cnn5', 'mobilenetv2', 'efficientnetb0', 'resnet50v2', 'densenet121']) {
    test(`${backbone}: trainable parameters rise strictly over fractions ${FRACTIONS.join(', ')}`, () => {
      const baseline = tf.memory().numTensors;
      const m = buildModel({ backbone, inputSize: 32, channels: 3, head: '256/0.30->128/0.30', numClasses: 10, seed: 1 });
      const headParams = m.layers.filter(isHeadLayer).reduce((s, l) => s + l.countParams(), 0);
      const results = FRACTIONS.map((f) => unfreezeTop(m, f));
      const trainable = results.map((r) => r.trainableParams);
      for (let i = 1; i < trainable.length; i++) assert.ok(trainable[i]! > trainable[i - 1]!, `${backbone}: ${trainable.join(' <= ')}`);
      assert.equal(trainable[0], headParams, 'fraction 0 trains the head only');
      const all = results.at(-1)!;
      assert.equal(all.unfrozenLayers, all.backboneLayers);
      // Fully unfrozen: everything but BN moving statistics (and Normalization) is trainable.
      assert.equal(all.trainableParams, all.totalParams - countParams(m).nonTrainable);
      // Going back down re-freezes (layer population does not shrink after freezing).
      assert.deepEqual(unfreezeTop(m, 0.25), results[1]);
      m.dispose();
      assert.equal(tf.memory().numTensors, baseline);
    });
  }

  test('the head stays trainable and the bottom of the backbone is frozen', () => {
    const m = buildModel({ backbone: 'cnn4', inputSize: 32, channels: 1, head: '64/0.2', numClasses: 3, seed: 1 });
    const r = unfreezeTop(m, 0.5);
    assert.deepEqual(r.backboneLayers, 8); // 4 x (conv, bn)
    assert.equal(r.unfrozenLayers, 4);
    assert.equal(m.getLayer('block1_conv').trainable, false);
    assert.equal(m.getLayer('block2_bn').trainable, false);
    assert.equal(m.getLayer('block3_conv').trainable, true);
    assert.equal(m.getLayer('head_dense_1').trainable, true);
    assert.equal(m.getLayer('head_logits').trainable, true);
    m.dispose();
  });

  test('a fraction outside [0, 1] is an error naming it', () => {
    const m = buildModel({ backbone: 'cnn3', inputSize: 32, channels: 1, head: '8/0', numClasses: 2, seed: 1 });
    assert.throws(() => unfreezeTop(m, 1.5), /unfreezeTop\(fraction\): expected a number in \[0, 1\], received 1.5/);
    assert.throws(() => unfreezeTop(m, Number.NaN), /unfreezeTop\(fraction\): expected a number in \[0, 1\], received NaN/);
    m.dispose();
  });
});

describe('batch norm in the frozen part', () => {
  test('stays in inference mode under training: true; unfrozen BN updates its statistics', () => {
    const baseline = tf.memory().numTensors;
    const m = buildModel({ backbone: 'cnn3', inputSize: 32, channels: 1, head: '8/0', numClasses: 2, seed: 1 });
    unfreezeTop(m, 0.5); // 6 weighted layers; the top 3 (block2_bn, block3_conv, block3_bn) train
    const frozenBn = m.getLayer('block1_bn');
    const liveBn = m.getLayer('block3_bn');
    assert.equal(frozenBn.trainable, false);
    assert.equal(liveBn.trainable, true);
    const stats = (l: tf.layers.Layer) =>
      l
        .getWeights()
        .slice(2)
        .map((t) => Array.from(t.dataSync()));
    const before = [stats(frozenBn), stats(liveBn)];
    const x = tf.randomUniform([4, 32, 32, 1], 0, 1, 'float32', 3);
    // The call a trainer makes inside its gradient step.
    tf.dispose(m.apply(x, { training: true }) as tf.Tensor);
    assert.deepEqual(stats(frozenBn), before[0], 'frozen BN moving statistics changed');
    assert.notDeepEqual(stats(liveBn), before[1], 'unfrozen BN moving statistics did not change');
    // Inference-mode output of a frozen BN equals its training-mode output.
    const probe = tf.model({ inputs: m.inputs, outputs: frozenBn.output as tf.SymbolicTensor });
    const [a, b] = tf.tidy(() => [probe.apply(x, { training: true }) as tf.Tensor, probe.apply(x, { training: false }) as tf.Tensor]);
    assert.deepEqual(a!.dataSync(), b!.dataSync());
    tf.dispose([a!, b!, x]);
    m.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });
});

describe('a training step on a partly frozen model', () => {
  test('gradients reach exactly the trainable weights; frozen weights and frozen BN statistics stay put', () => {
    const baseline = tf.memory().numTensors;
    const m = buildModel({ backbone: 'efficientnetb0', inputSize: 32, channels: 3, head: '16/0.2', numClasses: 3, seed: 2 });
    unfreezeTop(m, 0.25);
    const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
    const frozen = m.layers.filter((l) => !l.trainable).flatMap((l) => l.weights);
    assert.ok(frozen.some((w) => w.originalName.endsWith('moving_mean')));
    const frozenBefore = frozen.map((w) => w.read().dataSync().slice());
    const top = m.getLayer('top_conv').getWeights()[0]!.dataSync().slice();
    const x = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 5);
    const y = tf.tensor2d([
      [1, 0, 1],
      [0, 1, 0],
    ]);
    const optimizer = tf.train.sgd(0.1);
    // The step a trainer runs: forward in training mode inside the gradient, over an explicit var list.
    const loss = optimizer.minimize(
      () => tf.losses.sigmoidCrossEntropy(y, m.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
      true,
      vars,
    );
    assert.ok(Number.isFinite(loss!.dataSync()[0]!));
    frozen.forEach((w, i) => assert.deepEqual(w.read().dataSync(), frozenBefore[i], `${w.originalName} changed while frozen`));
    assert.notDeepEqual(m.getLayer('top_conv').getWeights()[0]!.dataSync(), top, 'an unfrozen layer did not move');
    tf.dispose([loss!, x, y]);
    optimizer.dispose();
    m.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });
});
