// Whole training steps on wasm follow the cpu backend: a small MobileNet-like model built here
// (depthwise, 1x1/3x3 convs at stride 1 and 2, batch norm, ReLU6, swish, squeeze-excite, pooling,
// dense) and every backbone of the zoo at 32 px; plus tensor-leak checks across steps.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { BACKBONE_NAMES, buildModel } from '@cxr/models';
import { createRng } from '@cxr/data';
import { expectClose } from '@cxr/testkit';
import { selectBackend } from './select-backend.ts';
import { makeTrainStep } from './bench/train-step.ts';

function tinyMobileNet(size: number, classes: number): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const bn = (x: tf.SymbolicTensor) => tf.layers.batchNormalization({ epsilon: 1e-3 }).apply(x) as tf.SymbolicTensor;
  const relu6 = (x: tf.SymbolicTensor) => tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  const input = tf.input({ shape: [size, size, 3] });
  let x = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
  x = relu6(bn(x));
  let h = tf.layers.conv2d({ filters: 16, kernelSize: 1, useBias: false, kernelInitializer: init(2) }).apply(x) as tf.SymbolicTensor;
  h = relu6(bn(h));
  h = tf.layers.zeroPadding2d({ padding: [[0, 1], [0, 1]] }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'valid', useBias: false, depthwiseInitializer: init(3) }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.activation({ activation: 'swish' }).apply(bn(h)) as tf.SymbolicTensor;
  // squeeze-excite: global pool -> 1x1 convs -> sigmoid gate multiplied back ([N,1,1,C] broadcast)
  let se = tf.layers.globalAveragePooling2d({}).apply(h) as tf.SymbolicTensor;
  se = tf.layers.reshape({ targetShape: [1, 1, 16] }).apply(se) as tf.SymbolicTensor;
  se = tf.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'swish', kernelInitializer: init(4) }).apply(se) as tf.SymbolicTensor;
  se = tf.layers.conv2d({ filters: 16, kernelSize: 1, activation: 'sigmoid', kernelInitializer: init(5) }).apply(se) as tf.SymbolicTensor;
  h = tf.layers.multiply().apply([h, se]) as tf.SymbolicTensor;
  h = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2, useBias: false, depthwiseInitializer: init(6) }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.conv2d({ filters: 12, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(7) }).apply(relu6(bn(h))) as tf.SymbolicTensor;
  h = tf.layers.globalAveragePooling2d({}).apply(relu6(bn(h))) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: classes, kernelInitializer: init(8) }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

/** Losses of `steps` Adam steps from the same initial weights and data on one backend. */
async function lossesOn(backend: 'cpu' | 'wasm', build: () => tf.LayersModel, size: number, batch: number, steps: number, checkLeaks = false, sgd = false, perturb = 0): Promise<number[]> {
  await selectBackend(backend);
  const rng = createRng(8, `training-on-wasm:${size}`);
  const model = build();
  const x = tf.tensor4d(new Float32Array(batch * size * size * 3).map((_, i) => rng.uniform(0, 1) * (1 + perturb * Math.sin(i))), [batch, size, size, 3]);
  const classes = model.outputs[0]!.shape[1]!;
  const y = tf.tensor2d(new Float32Array(batch * classes).map(() => (rng.uniform(0, 1) < 0.3 ? 1 : 0)), [batch, classes]);
  // Adam's first step moves every weight by about +-lr whatever the gradient's size, so sign noise
  // in near-zero gradients (batch norm over 2 values in 1x1 maps) would dominate; SGD is linear.
  const step = makeTrainStep(model, x, y, sgd ? { sgdLearningRate: 0.05 } : {});
  const losses: number[] = [];
  try {
    losses.push(step());
    const tensorsAfterFirst = tf.memory().numTensors;
    for (let i = 1; i < steps; i++) losses.push(step());
    if (checkLeaks) assert.equal(tf.memory().numTensors, tensorsAfterFirst, `${backend}: tensor count grew across steps`);
  } finally {
    step.dispose();
    tf.dispose([x, y]);
    model.dispose();
  }
  return losses;
}

describe('training on wasm follows cpu', () => {
  before(async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
  });

  test('small MobileNet-like model: 4 Adam steps, losses agree, no leaked tensors', async () => {
    const build = () => tinyMobileNet(24, 5);
    const cpu = await lossesOn('cpu', build, 24, 4, 4);
    const wasm = await lossesOn('wasm', build, 24, 4, 4, true);
    expectClose(wasm, cpu, 1e-3 * Math.max(...cpu.map(Math.abs)), 'tiny mobilenet loss');
    assert.ok(cpu[3]! < cpu[0]!, `loss should fall on a fixed batch: ${cpu.join(', ')}`);
  });

  // At 32 px the last feature maps are 1x1, so batch norm normalises over the batch alone and the
  // step is ill-conditioned: on cpu, a 1e-6 relative change of the input already moves later losses
  // by up to percents, and max-pool near-ties flip. So wasm must stay within 3x that cpu-vs-cpu
  // spread or 2 % - a wrong gradient kernel moves them by tens of percents (seen while developing:
  // the upstream wasm MaxPoolGrad gave 4-40 %). Each kernel is checked tightly in its own test.
  // The cpu backend needs 30-100 s per step for resnet50v2/densenet121 on 2 shared cores.
  const slow = new Set(['resnet50v2', 'densenet121']);
  // EfficientNetB0's training-mode forward alone differs by ~7 % between the stock wasm and cpu
  // backends at 32 px, batch 2 (without this package's kernels too): block6a_bn normalises a 1x1
  // map over 2 values and magnifies round-off of the depthwise conv before it.
  const looseForward = new Set(['efficientnetb0']);
  for (const backbone of ['cnn5', 'mobilenetv2', 'efficientnetb0', 'resnet50v2', 'densenet121']) {
    assert.ok(BACKBONE_NAMES.includes(backbone), backbone);
    const skip = slow.has(backbone) && process.env['CXR_SLOW_TESTS'] !== '1' ? 'slow on the cpu backend; run with CXR_SLOW_TESTS=1' : false;
    test(`${backbone} at 32 px: 2 SGD steps on wasm stay within cpu's own round-off spread`, { skip }, async () => {
      const build = () => buildModel({ backbone, inputSize: 32, channels: 3, head: '16/0.00', numClasses: 3, seed: 5 });
      const cpu = await lossesOn('cpu', build, 32, 2, 2, false, true);
      const cpuNudged = await lossesOn('cpu', build, 32, 2, 2, false, true, 1e-6);
      const wasm = await lossesOn('wasm', build, 32, 2, 2, false, true);
      for (let i = 0; i < cpu.length; i++) {
        const tol = Math.max(3 * Math.abs(cpuNudged[i]! - cpu[i]!), (looseForward.has(backbone) ? 0.1 : 0.02) * Math.abs(cpu[i]!));
        expectClose(wasm[i]!, cpu[i]!, tol, `${backbone} loss[${i}] (cpu nudged: ${cpuNudged[i]})`);
      }
    });
  }
});
