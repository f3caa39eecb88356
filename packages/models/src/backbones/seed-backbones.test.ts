import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { makeTempDir } from '@cxr/testkit';
import { BACKBONE_NAMES, buildBackbone, type BackboneOptions } from './registry.ts';
import { buildModel, isHeadLayer } from '../build-model.ts';
import { countParams, type ParamCounts } from '../count-params.ts';
import { unfreezeTop } from '../unfreeze.ts';
import { loadModelFrom, saveBackboneTo, saveModelTo } from '../io/save-load.ts';
import { loadWeightsByName } from '../io/load-weights-by-name.ts';

const { dir: root, cleanup } = makeTempDir('seed-backbones');
after(cleanup);
before(async () => {
  await tf.setBackend('cpu');
});

/** Builds, runs `fn`, disposes, and checks no tensor outlived the model. */
function withBackbone<T>(name: string, opts: BackboneOptions, fn: (m: tf.LayersModel) => T): T {
  const baseline = tf.memory().numTensors;
  const model = buildBackbone(name, opts);
  try {
    return fn(model);
  } finally {
    model.dispose();
    assert.equal(tf.memory().numTensors, baseline, `${name}: tensors leaked after dispose`);
  }
}

const SEED_BACKBONES = ['alexnet', 'resnet18', 'custom-alexnet', 'custom-resnet', 'custom-densenet', 'unet', 'residual-unet'];

describe('seed 003 / 004 backbones are registered', () => {
  test('every one is in BACKBONE_NAMES', () => {
    for (const name of SEED_BACKBONES) assert.ok(BACKBONE_NAMES.includes(name), name);
  });
});

describe('parameter counts', () => {
  // torchvision's num_params with the 1000-class top (pytorch.org/vision/stable/models/generated/
  // torchvision.models.alexnet.html: 61,100,840; .../torchvision.models.resnet18: 11,689,512).
  // PyTorch does not count BN running statistics; Keras (and countParams) does, as non-trainable.
  test('resnet18 with a 1000-class top: 11,689,512 trainable (torchvision) + 9,600 BN moving statistics', () => {
    withBackbone('resnet18', { inputSize: 32, channels: 3, seed: 0, includeTop: true }, (m) => {
      assert.deepEqual(countParams(m), { total: 11_699_112, trainable: 11_689_512, nonTrainable: 9_600 });
    });
  });

  test('alexnet with a 1000-class top: 61,100,840 (torchvision); without top its 5 convolutions, 2,469,696', () => {
    // The 54.6 M fc weights take ~3 s to initialise on cpu; that is the only heavy build here.
    withBackbone('alexnet', { inputSize: 32, channels: 3, seed: 0, includeTop: true }, (m) => {
      assert.equal(countParams(m).total, 61_100_840);
      assert.deepEqual(m.getLayer('fc6').getWeights()[0]!.shape, [9216, 4096]);
    });
    // Hand count: sum of k*k*Cin*Cout + Cout over 11x11 3->64, 5x5 64->192, 3x3 192->384, 384->256, 256->256.
    const convs = 121 * 3 * 64 + 64 + (25 * 64 * 192 + 192) + (9 * 192 * 384 + 384) + (9 * 384 * 256 + 256) + (9 * 256 * 256 + 256);
    assert.equal(convs, 2_469_696);
    withBackbone('alexnet', { inputSize: 32, channels: 3, seed: 0 }, (m) => assert.equal(countParams(m).total, convs));
  });

  // The seeds give no counts for their own models (003's figures are not in the text, 004 shows the
  // original U-Net); these are ours, pinned so a change to the architecture is seen.
  const OURS: Record<string, { channels: 1 | 3; counts: ParamCounts }> = {
    'custom-alexnet': { channels: 3, counts: { total: 625_824, trainable: 624_672, nonTrainable: 1_152 } },
    'custom-resnet': { channels: 3, counts: { total: 314_816, trainable: 313_664, nonTrainable: 1_152 } },
    'custom-densenet': { channels: 3, counts: { total: 206_016, trainable: 203_968, nonTrainable: 2_048 } },
    unet: { channels: 1, counts: { total: 1_945_216, trainable: 1_942_272, nonTrainable: 2_944 } },
    'residual-unet': { channels: 1, counts: { total: 2_035_216, trainable: 2_030_800, nonTrainable: 4_416 } },
  };
  for (const [name, { channels, counts }] of Object.entries(OURS)) {
    test(`${name} (${channels} channel${channels > 1 ? 's' : ''}, no top): ${counts.total} parameters`, () => {
      withBackbone(name, { inputSize: 32, channels, seed: 0 }, (m) => assert.deepEqual(countParams(m), counts));
    });
  }

  test('residual-unet differs from unet only by its 1x1 projection shortcuts (conv + BN per block)', () => {
    // 9 blocks; shortcut conv Cin*Cout, BN 4*Cout. Block inputs/outputs: enc 1->16, 16->32, 32->64, 64->128,
    // bottleneck 128->256, dec (concat) 256->128, 128->64, 64->32, 32->16.
    const blocks: [number, number][] = [
      [1, 16],
      [16, 32],
      [32, 64],
      [64, 128],
      [128, 256],
      [256, 128],
      [128, 64],
      [64, 32],
      [32, 16],
    ];
    const extra = blocks.reduce((s, [i, o]) => s + i * o + 4 * o, 0);
    assert.equal(OURS['residual-unet']!.counts.total - OURS['unet']!.counts.total, extra);
  });
});

describe('shapes at small inputs', () => {
  // Last feature map [side, channels] at 32 px.
  const AT32: Record<string, [number, number]> = {
    alexnet: [1, 256],
    resnet18: [1, 512],
    'custom-alexnet': [1, 128],
    'custom-resnet': [4, 128],
    'custom-densenet': [4, 176],
    unet: [32, 16],
    'residual-unet': [32, 16],
  };
  for (const name of SEED_BACKBONES) {
    test(`${name}: forward at 32 px, grayscale, gives [2, ${AT32[name]![0]}, ${AT32[name]![0]}, ${AT32[name]![1]}]`, () => {
      withBackbone(name, { inputSize: 32, channels: 1, seed: 1 }, (m) => {
        const y = tf.tidy(() => m.predict(tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 3)) as tf.Tensor);
        const [side, ch] = AT32[name]!;
        assert.deepEqual(y.shape, [2, side, side, ch]);
        assert.ok(Number.isFinite(tf.tidy(() => y.sum().dataSync()[0]!)));
        tf.dispose(y);
      });
    });
  }

  test('alexnet keeps every map >= 1x1: 32 px 7-3-1-1, 64 px 15-7-3-1, 224 px as torchvision (55-27-13-6)', () => {
    const sides = (m: tf.LayersModel) => ['conv1', 'pool1', 'pool2', 'pool5'].map((n) => (m.getLayer(n).outputShape as number[])[1]);
    withBackbone('alexnet', { inputSize: 32, channels: 3, seed: 0 }, (m) => assert.deepEqual(sides(m), [7, 3, 1, 1]));
    withBackbone('alexnet', { inputSize: 224, channels: 3, seed: 0 }, (m) => assert.deepEqual(sides(m), [55, 27, 13, 6]));
    withBackbone('alexnet', { inputSize: 64, channels: 3, seed: 0 }, (m) => {
      assert.deepEqual(sides(m), [15, 7, 3, 1]);
      const y = tf.tidy(() => m.predict(tf.ones([1, 64, 64, 3])) as tf.Tensor);
      assert.deepEqual(y.shape, [1, 1, 1, 256]);
      tf.dispose(y);
    });
  });

  test("the AlexNet top's 6x6 adaptive pooling: nearest upsampling of a 1x1 map (as AdaptiveAvgPool2d), then fc6", () => {
    withBackbone('custom-alexnet', { inputSize: 32, channels: 1, seed: 0, includeTop: true, classes: 5 }, (m) => {
      assert.deepEqual(m.getLayer('avgpool').outputShape, [null, 6, 6, 128]);
      assert.deepEqual(m.getLayer('fc6').getWeights()[0]!.shape, [6 * 6 * 128, 512]);
      assert.deepEqual(m.outputs[0]!.shape, [null, 5]);
    });
  });

  test('an input AlexNet cannot pool to 6x6 exactly (160 px: a 4x4 map) is refused naming the size', () => {
    assert.throws(
      () => buildBackbone('alexnet', { inputSize: 160, channels: 3, seed: 0, includeTop: true }),
      /alexnet top\(inputSize\): expected an input whose last feature map side divides 6 or is a multiple of 6 \(e\.g\. 32, 64, 96, 128, 224 px\), received "a 4x4 map"/,
    );
  });

  test('u-net: 2x2 bottleneck at 32 px, transposed convolutions, skips concatenated from the encoder; decoder output at input size', () => {
    withBackbone('residual-unet', { inputSize: 64, channels: 1, seed: 0 }, (m) => {
      assert.deepEqual(m.getLayer('bottleneck_out').outputShape, [null, 4, 4, 256]);
      assert.deepEqual(m.outputs[0]!.shape, [null, 64, 64, 16]);
      for (let l = 1; l <= 4; l++) {
        assert.equal(m.getLayer(`up${l}_conv`).getClassName(), 'Conv2DTranspose');
        const inbound = (m.getLayer(`up${l}_concat`).input as tf.SymbolicTensor[]).map((t) => t.sourceLayer.name);
        assert.deepEqual(inbound, [`enc${l}_out`, `up${l}_conv`]);
        assert.equal(m.getLayer(`dec${l}_add`).getClassName(), 'Add');
      }
    });
    withBackbone('unet', { inputSize: 32, channels: 1, seed: 0 }, (m) => {
      assert.deepEqual(m.getLayer('bottleneck_out').outputShape, [null, 2, 2, 256]);
      assert.equal(
        m.layers.some((l) => l.getClassName() === 'Add'),
        false,
        'the plain U-Net has no residual additions',
      );
    });
  });

  test('u-net refuses an input side that four 2x2 poolings do not divide', () => {
    assert.throws(
      () => buildBackbone('unet', { inputSize: 40, channels: 1, seed: 0 }),
      /unet features\(inputSize\): expected a multiple of 16, received 40/,
    );
  });
});

describe('layer names', () => {
  const NAMES: Record<string, string[]> = {
    alexnet: ['conv1', 'conv2', 'conv3', 'conv4', 'conv5'],
    resnet18: ['conv1', 'bn1', 'layer1_block0_conv1', 'layer2_block0_downsample_conv', 'layer4_block1_bn2'],
    'custom-alexnet': ['conv1_conv', 'conv1_bn', 'conv5_conv', 'conv5_bn'],
    'custom-resnet': ['conv1', 'layer1_block0_conv2', 'layer2_block0_downsample_bn'],
    'custom-densenet': ['conv1_conv', 'conv2_block3_1_conv', 'pool2_conv', 'conv3_block1_0_bn', 'bn'],
    unet: ['enc1_conv1', 'enc4_bn2', 'bottleneck_conv2', 'up4_conv', 'dec1_conv2'],
    'residual-unet': ['enc1_shortcut_conv', 'bottleneck_shortcut_bn', 'dec1_shortcut_conv', 'up1_conv'],
  };
  test('weighted layers carry the documented names', () => {
    for (const [name, names] of Object.entries(NAMES)) {
      withBackbone(name, { inputSize: 32, channels: 3, seed: 0 }, (m) => {
        for (const n of names) assert.ok(m.getLayer(n).weights.length > 0, `${name} lacks ${n}`);
      });
    }
  });

  test("seed 003's layer counts: custom-resnet 5 convolutions and custom-densenet 8 (+ the classifier: 6 and 9)", () => {
    const convs = (m: tf.LayersModel) => m.layers.filter((l) => l.getClassName() === 'Conv2D' && !l.name.includes('downsample')).length;
    withBackbone('custom-resnet', { inputSize: 32, channels: 3, seed: 0 }, (m) => assert.equal(convs(m), 5));
    withBackbone('custom-densenet', { inputSize: 32, channels: 3, seed: 0 }, (m) => assert.equal(convs(m), 8));
  });
});

describe('training with partial unfreezing', () => {
  // The cpu backend's convolution gradients are slow (one residual-unet step at 32 px: ~80 s), so
  // here only the head-only transfer step and a small full step; every seed backbone trains on
  // wasm in packages/train/src/bench/seed-backbones-on-wasm.test.ts.
  for (const [backbone, fraction] of [
    ['resnet18', 0],
    ['custom-alexnet', 1],
  ] as const) {
    test(`${backbone}, unfreeze ${fraction}: one gradient step moves exactly the trainable weights and leaks no tensor`, () => {
      const baseline = tf.memory().numTensors;
      const m = buildModel({ backbone, inputSize: 32, channels: 1, head: '16/0.2', numClasses: 3, seed: 2 });
      const r = unfreezeTop(m, fraction);
      const headParams = m.layers.filter(isHeadLayer).reduce((s, l) => s + l.countParams(), 0);
      if (fraction === 0) assert.equal(r.trainableParams, headParams, 'unfreeze 0 trains the head only (seed 003 transfer)');
      const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
      const frozen = m.layers.filter((l) => !l.trainable).flatMap((l) => l.weights);
      const frozenBefore = frozen.map((w) => w.read().dataSync().slice());
      const logits = m.getLayer('head_logits').getWeights()[0]!.dataSync().slice();
      const x = tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 5);
      const y = tf.tensor2d([
        [1, 0, 1],
        [0, 1, 0],
      ]);
      const optimizer = tf.train.sgd(0.1);
      const loss = optimizer.minimize(
        () => tf.losses.sigmoidCrossEntropy(y, m.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        true,
        vars,
      );
      assert.ok(Number.isFinite(loss!.dataSync()[0]!));
      frozen.forEach((w, i) => assert.deepEqual(w.read().dataSync(), frozenBefore[i], `${w.originalName} changed while frozen`));
      assert.notDeepEqual(m.getLayer('head_logits').getWeights()[0]!.dataSync(), logits, 'the head did not move');
      tf.dispose([loss!, x, y]);
      optimizer.dispose();
      m.dispose();
      assert.equal(tf.memory().numTensors, baseline);
    });
  }

  test('custom-resnet, unfreeze 0.5: the top 6 of its 12 weighted layers (the stride-2 block) train, the stem and block 1 do not', () => {
    const m = buildModel({ backbone: 'custom-resnet', inputSize: 32, channels: 1, head: '8/0', numClasses: 2, seed: 1 });
    const r = unfreezeTop(m, 0.5);
    assert.equal(r.backboneLayers, 12);
    assert.equal(r.unfrozenLayers, 6);
    const trainable = m.layers.filter((l) => !isHeadLayer(l) && l.weights.length > 0 && l.trainable).map((l) => l.name);
    assert.deepEqual(trainable.sort(), [
      'layer2_block0_bn1',
      'layer2_block0_bn2',
      'layer2_block0_conv1',
      'layer2_block0_conv2',
      'layer2_block0_downsample_bn',
      'layer2_block0_downsample_conv',
    ]);
    assert.equal(m.getLayer('conv1').trainable, false);
    assert.equal(m.getLayer('layer1_block0_bn2').trainable, false);
    m.dispose();
  });
});

describe("init 'pretrained'", () => {
  test("alexnet's backbone saved after (phantom) pretraining loads by name into a model with another head", async () => {
    const baseline = tf.memory().numTensors;
    const pre = buildModel({ backbone: 'alexnet', inputSize: 32, channels: 1, head: '256/0.2', numClasses: 9, seed: 3 });
    const dir = join(root, 'alexnet');
    await saveBackboneTo(pre, dir);
    const fresh = buildModel({ backbone: 'alexnet', inputSize: 32, channels: 1, head: '16/0.2', numClasses: 3, seed: 4 });
    const report = await loadWeightsByName(fresh, dir);
    assert.deepEqual(report.matched, ['conv1', 'conv2', 'conv3', 'conv4', 'conv5']);
    assert.deepEqual(report.missing, ['head_dense_1', 'head_logits']);
    assert.deepEqual(fresh.getLayer('conv3').getWeights()[0]!.dataSync(), pre.getLayer('conv3').getWeights()[0]!.dataSync());
    pre.dispose();
    fresh.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });
});

describe('a finished run saves and reloads its model', () => {
  test('residual-unet and custom-alexnet with their heads: model.json loads back and predicts the same', async () => {
    const baseline = tf.memory().numTensors;
    for (const backbone of ['residual-unet', 'custom-alexnet']) {
      const m = buildModel({ backbone, inputSize: 32, channels: 1, head: '16/0.2', numClasses: 3, seed: 6 });
      const dir = join(root, `saved-${backbone}`);
      await saveModelTo(m, dir);
      const back = await loadModelFrom(dir);
      const x = tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 7);
      const [a, b] = [m.predict(x) as tf.Tensor, back.predict(x) as tf.Tensor];
      assert.deepEqual(b.dataSync(), a.dataSync(), backbone);
      tf.dispose([x, a, b]);
      m.dispose();
      back.dispose();
    }
    assert.equal(tf.memory().numTensors, baseline);
  });
});
