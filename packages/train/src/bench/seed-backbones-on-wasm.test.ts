// The backbones of seeds 003 and 004 train on wasm with this package's kernels: two steps of the
// trainer's own step (GroupedAdam) at 32 px on grayscale input, in the seeds' settings (AlexNet
// and ResNet18 as transfer, backbone frozen; the custom nets and the U-Nets whole), with finite
// losses and no tensor left behind. Plus the one op they add to the zoo, the U-Net's 2x2 stride-2
// transposed convolution, whose gradients on wasm must equal cpu's.
import { after, describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildModel, isHeadLayer, unfreezeTop } from '@cxr/models';
import { createRng } from '@cxr/data';
import { expectClose, makeTempDir } from '@cxr/testkit';
import { selectBackend } from '../backend/select-backend.ts';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { pretrainBackbone } from '../pretrain/pretrain.ts';
import { buildRunModel } from '../run/model-phase.ts';
import { makeTrainStep } from './fixed-batch-step.ts';

const CASES: [backbone: string, unfreeze: number][] = [
  ['alexnet', 0],
  ['resnet18', 0],
  ['custom-alexnet', 1],
  ['custom-resnet', 1],
  ['custom-densenet', 1],
  ['unet', 1],
  ['residual-unet', 1],
];

describe('seed 003 / 004 backbones train on wasm', () => {
  before(async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
  });

  for (const [backbone, unfreeze] of CASES) {
    test(`${backbone} (unfreeze ${unfreeze}): two Adam steps at 32 px, grayscale, finite losses, no leaked tensor`, async () => {
      await selectBackend('wasm');
      const baseline = tf.memory().numTensors;
      const rng = createRng(4, `seed-backbones:${backbone}`);
      const model = buildModel({ backbone, inputSize: 32, channels: 1, head: '16/0.2', numClasses: 3, seed: 5 });
      unfreezeTop(model, unfreeze);
      const x = tf.tensor4d(
        Float32Array.from({ length: 2 * 32 * 32 }, () => rng.uniform(0, 1)),
        [2, 32, 32, 1],
      );
      const y = tf.tensor2d([
        [1, 0, 1],
        [0, 1, 0],
      ]);
      const frozen = model.layers.filter((l) => !l.trainable).flatMap((l) => l.weights);
      const frozenBefore = frozen.map((w) => w.read().dataSync().slice());
      const step = makeTrainStep(model, x, y);
      try {
        const first = await step();
        const afterFirst = tf.memory().numTensors;
        const second = await step();
        assert.ok(Number.isFinite(first) && Number.isFinite(second), `losses ${first}, ${second}`);
        assert.equal(tf.memory().numTensors, afterFirst, 'tensor count grew across steps');
        frozen.forEach((w, i) => assert.deepEqual(w.read().dataSync(), frozenBefore[i], `${w.originalName} changed while frozen`));
      } finally {
        step.dispose();
        tf.dispose([x, y]);
        model.dispose();
      }
      assert.equal(tf.memory().numTensors, baseline, 'tensors left after dispose');
    });
  }

  test("the U-Net's 2x2 stride-2 transposed convolution: input and kernel gradients on wasm equal cpu", async () => {
    const gradsOn = async (backend: 'cpu' | 'wasm') => {
      await selectBackend(backend);
      const rng = createRng(9, 'seed-backbones:conv-transpose');
      const layer = tf.layers.conv2dTranspose({
        filters: 6,
        kernelSize: 2,
        strides: 2,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      });
      const x = tf.tensor4d(
        Float32Array.from({ length: 2 * 4 * 4 * 8 }, () => rng.uniform(-1, 1)),
        [2, 4, 4, 8],
      );
      const r = tf.tensor4d(
        Float32Array.from({ length: 2 * 8 * 8 * 6 }, () => rng.normal(0, 1)),
        [2, 8, 8, 6],
      );
      layer.apply(x); // builds the kernel
      const vars = layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
      const out = tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, r)) as tf.Scalar, vars);
        const dx = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx) as tf.Tensor, r)))(x);
        return [dx, ...vars.map((v) => grads[v.name]!)].map((t) => t.dataSync().slice() as Float32Array);
      });
      tf.dispose([x, r]);
      layer.dispose();
      return out;
    };
    const cpu = await gradsOn('cpu');
    const wasm = await gradsOn('wasm');
    assert.equal(cpu.length, 3); // input, kernel, bias
    cpu.forEach((g, i) => expectClose(wasm[i]!, g, 1e-4 * Math.max(1, ...g.map(Math.abs)), `gradient ${i}`));
  });

  describe("seed 003's transfer setting: init 'pretrained', unfreeze 0", () => {
    const tmp = makeTempDir('seed-backbones-pretrain');
    after(tmp.cleanup);
    test('alexnet pretrains on the phantom source set at 32 px; a run loads it and trains only its head', async () => {
      await selectBackend('wasm');
      const start = tf.memory().numTensors;
      const pre = await pretrainBackbone({
        backbone: 'alexnet',
        size: 32,
        channels: 1,
        images: 24,
        epochs: 1,
        batchSize: 12,
        weightsRoot: tmp.dir,
        normalization: 'unit',
      });
      assert.ok(Number.isFinite(pre.valLoss));
      assert.equal(tf.memory().numTensors, start, 'pretraining left tensors behind');
      const cfg = resolveConfig(presetConfig('smoke'), [
        { source: 't', values: { model: { backbone: 'alexnet', init: 'pretrained', unfreeze: 0 } } },
      ]);
      const built = await buildRunModel(cfg, 1, 10, tmp.dir);
      try {
        assert.equal(built.weights.source, 'phantom-pretraining');
        assert.equal(built.weights.matchedLayers, 5); // conv1..conv5
        const headParams = built.model.layers.filter(isHeadLayer).reduce((n, l) => n + l.countParams(), 0);
        assert.equal(built.params.trainable, headParams);
      } finally {
        built.model.dispose();
      }
    });
  });
});
