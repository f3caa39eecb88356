import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildModel, type ModelSpec } from './build-model.ts';

before(async () => {
  await tf.setBackend('cpu');
});

const fusion: ModelSpec = {
  backbone: 'densenet121',
  inputSize: 32,
  channels: 1,
  head: '64/0.2',
  numClasses: 14,
  seed: 3,
  featurePyramid: { channels: 256, projection: 256 },
  patientFeatures: 3,
};

describe('buildModel with a feature pyramid and patient data (seed 000)', () => {
  test('two inputs, 768 pooled pyramid features -> 256, patient -> 8, 14 logits; gradients reach both branches', () => {
    const m = buildModel(fusion);
    assert.deepEqual(
      m.inputs.map((i) => i.shape),
      [
        [null, 32, 32, 1],
        [null, 3],
      ],
    );
    assert.deepEqual(m.outputs[0]!.shape, [null, 14]);
    assert.deepEqual(m.getLayer('head_fpn_concat').outputShape, [null, 768]);
    assert.deepEqual(m.getLayer('head_fpn_projection').outputShape, [null, 256]);
    assert.deepEqual(m.getLayer('head_patient_dense').outputShape, [null, 8]);
    assert.deepEqual(m.getLayer('head_fusion_concat').outputShape, [null, 264]);
    // C3, C4, C5 of DenseNet121 at 32 px: 4x4x512, 2x2x1024, 1x1x1024 (strides 8, 16, 32).
    assert.deepEqual((m.getLayer('head_fpn_smooth_p3').outputShape as number[]).slice(1), [4, 4, 256]);
    const x = tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 1);
    const p = tf.tensor2d([
      [0.5, 1, 0],
      [0.2, 0, 1],
    ]);
    const y = tf.tensor2d(
      Array.from({ length: 28 }, (_, i) => i % 2),
      [2, 14],
    );
    const vars = ['head_patient_dense', 'head_fpn_lateral_c3', 'head_fpn_lateral_c5'].map(
      (n) => m.getLayer(n).trainableWeights[0]!.read() as tf.Variable,
    );
    const { grads } = tf.variableGrads(
      () => tf.losses.sigmoidCrossEntropy(y, m.apply([x, p], { training: true }) as tf.Tensor2D) as tf.Scalar,
      vars,
    );
    for (const v of vars) assert.ok(tf.abs(grads[v.name]!).sum().dataSync()[0]! > 0, `gradient reaches ${v.name}`);
    // The patient data changes the logits.
    const a = (m.predict([x, p]) as tf.Tensor).dataSync();
    const b = (m.predict([x, tf.zerosLike(p)]) as tf.Tensor).dataSync();
    assert.ok(a.some((v, i) => v !== b[i]));
    m.dispose();
  });

  test("custom-densenet's taps (strides 4, 8, 8): the top level is added without upsampling", () => {
    const m = buildModel({ ...fusion, backbone: 'custom-densenet', featurePyramid: { channels: 16, projection: 32 } });
    assert.deepEqual(m.getLayer('head_fpn_concat').outputShape, [null, 48]);
    assert.equal(
      m.layers.some((l) => l.name === 'head_fpn_up_p5'),
      false,
    );
    assert.deepEqual((m.getLayer('head_fpn_up_p4').outputShape as number[]).slice(1), [8, 8, 16]);
    m.dispose();
  });

  test('patient data alone, no pyramid: pooled backbone features concatenated with the patient projection', () => {
    const m = buildModel({ backbone: 'cnn3', inputSize: 32, channels: 1, head: '16/0', numClasses: 2, seed: 1, patientFeatures: 4 });
    assert.equal(m.inputs.length, 2);
    assert.deepEqual(m.getLayer('head_fusion_concat').outputShape, [null, (m.getLayer('head_pool').outputShape as number[])[1]! + 8]);
    m.dispose();
  });

  test('errors name the argument', () => {
    assert.throws(
      () => buildModel({ ...fusion, backbone: 'cnn3' }),
      /buildModel\(featurePyramid\): expected a backbone with multi-scale taps \(densenet121, custom-densenet\), received "cnn3"/,
    );
    assert.throws(
      () => buildModel({ ...fusion, inputSize: 40 }),
      /buildModel\(inputSize\): expected a size whose C3, C4, C5 sides each divide the one before \(a multiple of 32 for densenet121\), received "sides 5, 2, 1"/,
    );
    assert.throws(
      () => buildModel({ ...fusion, featurePyramid: { channels: 0, projection: 8 } }),
      /buildModel\(featurePyramid.channels\): expected an integer >= 1, received 0/,
    );
    assert.throws(
      () => buildModel({ ...fusion, patientFeatures: 1.5 }),
      /buildModel\(patientFeatures\): expected an integer >= 0, received 1.5/,
    );
    assert.throws(() => buildModel({ ...fusion, head: 'none' }), /buildModel\(head\): expected a head spec/);
  });
});
