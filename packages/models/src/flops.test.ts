import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { buildBackbone } from './backbones/registry.ts';
import { estimateFlops } from './flops.ts';

before(async () => {
  await tf.setBackend('cpu');
});

describe('estimateFlops', () => {
  test('CNN-3 at 32 px equals the hand count', () => {
    const m = buildBackbone('cnn3', { inputSize: 32, channels: 1, seed: 0 });
    // 'same' 3x3 convs: 32*32*9*1*16 + 16*16*9*16*32 + 8*8*9*32*64 multiply-adds
    const macs = 32 * 32 * 9 * 16 + 16 * 16 * 9 * 16 * 32 + 8 * 8 * 9 * 32 * 64;
    assert.equal(estimateFlops(m), 2 * macs);
    m.dispose();
  });

  test('a transposed convolution counts input positions x kernel (U-Net up-convolution)', () => {
    const input = tf.input({ shape: [4, 4, 8] });
    const up = tf.layers.conv2dTranspose({ filters: 6, kernelSize: 2, strides: 2 }).apply(input) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: up });
    assert.equal(estimateFlops(m), 2 * 4 * 4 * (2 * 2 * 8 * 6));
    m.dispose();
  });

  test("resnet18 at 224 px is within 3 % of torchvision's 1.81 G multiply-adds", () => {
    // pytorch.org/vision/stable/models/generated/torchvision.models.resnet18: GFLOPS 1.81 (multiply-adds).
    const m = buildBackbone('resnet18', { inputSize: 224, channels: 3, seed: 0, includeTop: true });
    expectClose(estimateFlops(m) / 2, 1.81e9, 0.03 * 1.81e9, 'resnet18 MACs');
    m.dispose();
  });

  // Published multiply-add counts at 224 px: MobileNetV2 300 M (Sandler et al. 2018, Table 3),
  // EfficientNetB0 0.39 G (Tan & Le 2019, Table 2), DenseNet121 2.83 G (torchvision's model
  // table, whose "GFLOPS" column counts multiply-adds). Ours ignore BN, activations, pooling and
  // the SE multiply, so allow 3 %.
  const published: [string, number][] = [
    ['mobilenetv2', 300e6],
    ['efficientnetb0', 390e6],
    ['densenet121', 2.83e9],
  ];
  for (const [name, macs] of published) {
    test(`${name} at 224 px is within 3 % of the published multiply-adds`, () => {
      const m = buildBackbone(name, { inputSize: 224, channels: 3, seed: 0, includeTop: true });
      expectClose(estimateFlops(m) / 2, macs, 0.03 * macs, `${name} MACs`);
      m.dispose();
    });
  }
});
