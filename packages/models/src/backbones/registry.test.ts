import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildBackbone, getBackboneDef } from './registry.ts';
import { countParams } from '../count-params.ts';

before(async () => {
  await tf.setBackend('cpu');
});

/** Builds, runs `fn`, disposes, and checks no tensor outlived the model. */
function withBackbone<T>(name: string, opts: Parameters<typeof buildBackbone>[1], fn: (m: tf.LayersModel) => T): T {
  const baseline = tf.memory().numTensors;
  const model = buildBackbone(name, opts);
  try {
    return fn(model);
  } finally {
    model.dispose();
    assert.equal(tf.memory().numTensors, baseline, `${name}: tensors leaked after dispose`);
  }
}

// Reference counts: Keras 3 keras.applications (model.count_params(), input 224x224x3), as given
// in issue 6; without top = include_top=False, with top = include_top=True, classes=1000.
const KERAS_COUNTS: Record<string, [number, number]> = {
  mobilenetv2: [2_257_984, 3_538_984],
  resnet50v2: [23_564_800, 25_613_800],
  efficientnetb0: [4_049_571, 5_330_571],
  densenet121: [7_037_504, 8_062_504],
  // keras.io/api/applications lists ResNet101 at 44.7M parameters (with top); the exact figures
  // follow from the block formula in the 'ResNet101' tests below.
  resnet101: [42_658_176, 44_707_176],
};

describe('Keras Applications parameter counts', () => {
  for (const [name, [notop, top]] of Object.entries(KERAS_COUNTS)) {
    test(`${name}: ${notop} without top, ${top} with a 1000-class top`, () => {
      // Counts do not depend on the input size; 32 px keeps the build quick.
      withBackbone(name, { inputSize: 32, channels: 3, seed: 0 }, (m) => assert.equal(countParams(m).total, notop));
      withBackbone(name, { inputSize: 32, channels: 3, seed: 0, includeTop: true }, (m) => assert.equal(countParams(m).total, top));
    });
  }

  test("efficientnetb0 trainable count equals Keras' 4,007,548 (Normalization and BN statistics are non-trainable)", () => {
    withBackbone('efficientnetb0', { inputSize: 32, channels: 3, seed: 0 }, (m) => {
      assert.deepEqual(countParams(m), { total: 4_049_571, trainable: 4_007_548, nonTrainable: 42_023 });
    });
  });

  test('efficientnetb0 without Keras preprocessing has 7 parameters fewer (the Normalization weights)', () => {
    withBackbone('efficientnetb0', { inputSize: 32, channels: 3, seed: 0, includeKerasPreprocessing: false }, (m) => {
      assert.equal(countParams(m).total, 4_049_564);
      assert.equal(
        m.layers.some((l) => l.name === 'normalization'),
        false,
      );
    });
  });
});

describe('ResNet101', () => {
  // Hand count of keras.applications.ResNet101 (resnet.py, V1): a conv with bias has
  // k*k*cin*cout + cout weights, a batch norm 4 per channel; bottleneck (cin -> f -> f -> 4f) plus,
  // in each stack's first block, a 1x1 projection shortcut with its batch norm.
  const conv = (k: number, cin: number, cout: number) => k * k * cin * cout + cout;
  const block = (cin: number, f: number, projection: boolean) =>
    conv(1, cin, f) + 4 * f + conv(3, f, f) + 4 * f + conv(1, f, 4 * f) + 16 * f + (projection ? conv(1, cin, 4 * f) + 16 * f : 0);
  let cin = 64;
  let total = conv(7, 3, 64) + 4 * 64;
  [3, 4, 23, 3].forEach((blocks, s) => {
    const f = 64 * 2 ** s;
    for (let b = 0; b < blocks; b++) {
      total += block(cin, f, b === 0);
      cin = 4 * f;
    }
  });
  test(`gives ${total} without top and ${total + 2048 * 1000 + 1000} with a 1000-class top`, () => {
    assert.equal(total, KERAS_COUNTS.resnet101![0]);
    assert.equal(total + 2048 * 1000 + 1000, KERAS_COUNTS.resnet101![1]);
  });

  test('resnet101 is post-activation (add then ReLU per block), conv4 has 23 blocks, and a forward pass at 32 px gives 1x1x2048', () => {
    withBackbone('resnet101', { inputSize: 32, channels: 3, seed: 0 }, (m) => {
      const names = new Set(m.layers.map((l) => l.name));
      assert.ok(names.has('conv4_block23_add') && names.has('conv4_block23_out') && !names.has('conv4_block24_1_conv'));
      assert.ok(!names.has('conv2_block2_0_conv'), 'only the first block of a stack projects its shortcut');
      // Keras' ResNet50 without top has 175 layers (input included); each further bottleneck adds 10
      // (3 conv, 3 bn, 2 relu, add, out): 175 + 17 * 10 = 345
      assert.equal(m.layers.length, 345);
      assert.equal(m.getLayer('conv5_block3_out').getConfig().activation, 'relu');
      const y = tf.tidy(() => m.predict(tf.ones([1, 32, 32, 3])) as tf.Tensor);
      assert.deepEqual(y.shape, [1, 1, 1, 2048]);
      assert.ok(Number.isFinite(tf.tidy(() => y.sum().dataSync()[0]!)));
      tf.dispose(y);
    });
  });
});

describe('CNN-k', () => {
  // Hand count for 3x3 convs with bias and BN (4 per channel), 3 input channels: block l has
  // 9*Cin*Cout + Cout + 4*Cout. CNN-3: (9*3*16+16+64) + (9*16*32+32+128) + (9*32*64+64+256) = 24,032.
  const expected: Record<string, number> = { cnn3: 24_032, cnn4: 98_400, cnn5: 394_592, cnn6: 1_576_800 };
  for (const [name, total] of Object.entries(expected)) {
    test(`${name} has ${total} parameters and 2^(l+3) filters per block`, () => {
      withBackbone(name, { inputSize: 32, channels: 3, seed: 0 }, (m) => {
        assert.equal(countParams(m).total, total);
        const k = Number(name.slice(3));
        for (let l = 1; l <= k; l++) {
          const conv = m.getLayer(`block${l}_conv`);
          assert.equal((conv.outputShape as number[])[3], 2 ** (l + 3));
        }
        // block order: conv -> ReLU -> BN -> pool (002, Methods)
        const names = m.layers.map((x) => x.name).slice(1, 5);
        assert.deepEqual(names, ['block1_conv', 'block1_relu', 'block1_bn', 'block1_pool']);
      });
    });
  }
});

describe('forward output shapes', () => {
  const featureChannels: Record<string, number> = {
    cnn3: 64,
    cnn4: 128,
    cnn5: 256,
    cnn6: 512,
    mobilenetv2: 1280,
    resnet50v2: 2048,
    efficientnetb0: 1280,
    densenet121: 1024,
    resnet101: 2048,
  };
  // Spatial side of the last feature map: /32 for the Keras nets, /2^k (at least 1) for CNN-k.
  const side = (name: string, input: number) =>
    name.startsWith('cnn') ? Math.max(1, Math.ceil(input / 2 ** Number(name.slice(3)))) : Math.ceil(input / 32);

  // The seed 003/004 backbones have their own shape tests (seed-backbones.test.ts); resnet101's two
  // forward passes would take ~25 s of the cpu backend, its one pass at 32 px is in 'ResNet101' above.
  for (const name of Object.keys(featureChannels).filter((n) => n !== 'resnet101')) {
    test(`${name}: forward at 32 and 64 px, symbolic shape at 224 px`, () => {
      for (const input of [32, 64]) {
        withBackbone(name, { inputSize: input, channels: 3, seed: 1 }, (m) => {
          const y = tf.tidy(() => m.predict(tf.ones([2, input, input, 3])) as tf.Tensor);
          const s = side(name, input);
          assert.deepEqual(y.shape, [2, s, s, featureChannels[name]]);
          assert.ok(Number.isFinite(tf.tidy(() => y.sum().dataSync()[0]!)));
          tf.dispose(y);
        });
      }
      withBackbone(name, { inputSize: 224, channels: 3, seed: 1 }, (m) => {
        assert.deepEqual(
          m.outputs[0]!.shape,
          [null, 7, 7, featureChannels[name]].map((d, i) => (i === 1 || i === 2 ? side(name, 224) : d)),
        );
      });
    });
  }

  test('cnn3 runs a real forward pass at 224 px, and a grayscale input works', () => {
    withBackbone('cnn3', { inputSize: 224, channels: 1, seed: 1 }, (m) => {
      const y = tf.tidy(() => m.predict(tf.ones([1, 224, 224, 1])) as tf.Tensor);
      assert.deepEqual(y.shape, [1, 28, 28, 64]);
      tf.dispose(y);
    });
  });

  test('with the top, the output is [batch, classes]', () => {
    withBackbone('mobilenetv2', { inputSize: 32, channels: 1, seed: 1, includeTop: true, classes: 7 }, (m) => {
      assert.deepEqual(m.outputs[0]!.shape, [null, 7]);
    });
  });
});

describe('Keras layer names', () => {
  test('weighted layers carry the names of Keras Applications', () => {
    const expectNames: Record<string, string[]> = {
      mobilenetv2: ['Conv1', 'bn_Conv1', 'expanded_conv_depthwise', 'block_16_project_BN', 'Conv_1_bn'],
      resnet50v2: ['conv1_conv', 'conv2_block1_0_conv', 'conv2_block1_preact_bn', 'conv4_block6_3_conv', 'post_bn'],
      efficientnetb0: ['normalization', 'stem_conv', 'block1a_se_reduce', 'block6d_dwconv', 'top_bn'],
      densenet121: ['conv1_conv', 'conv2_block1_0_bn', 'pool3_conv', 'conv5_block16_2_conv', 'bn'],
      resnet101: ['conv1_conv', 'conv1_bn', 'conv2_block1_0_conv', 'conv3_block4_3_bn', 'conv4_block23_3_conv', 'conv5_block3_2_conv'],
    };
    for (const [name, names] of Object.entries(expectNames)) {
      withBackbone(name, { inputSize: 32, channels: 3, seed: 0 }, (m) => {
        for (const n of names) assert.ok(m.getLayer(n).weights.length > 0, `${name} lacks ${n}`);
      });
    }
  });
});

describe('argument errors', () => {
  test('an unknown backbone name lists the valid ones', () => {
    assert.throws(
      () => buildBackbone('resnet', { inputSize: 32, channels: 3, seed: 0 }),
      /buildBackbone\(name\): expected one of cnn3, cnn4, cnn5, cnn6, mobilenetv2, resnet50v2, efficientnetb0, densenet121, .*resnet18, .*received "resnet"/,
    );
    assert.throws(() => getBackboneDef('vgg16'), /getBackboneDef\(name\): expected one of cnn3/);
  });

  test('input size below 32, bad channels, a fractional seed and bad classes are rejected', () => {
    assert.throws(
      () => buildBackbone('cnn3', { inputSize: 31, channels: 3, seed: 0 }),
      /buildBackbone\(inputSize\): expected an integer >= 32, received 31/,
    );
    assert.throws(
      () => buildBackbone('cnn3', { inputSize: 32, channels: 2 as 3, seed: 0 }),
      /buildBackbone\(channels\): expected 1 or 3, received 2/,
    );
    assert.throws(
      () => buildBackbone('cnn3', { inputSize: 32, channels: 3, seed: 0.5 }),
      /buildBackbone\(seed\): expected an integer, received 0.5/,
    );
    assert.throws(
      () => buildBackbone('cnn3', { inputSize: 32, channels: 3, seed: 0, includeTop: true, classes: 0 }),
      /buildBackbone\(classes\): expected an integer >= 1, received 0/,
    );
  });
});
