// The webgpu backend against the cpu one, on whatever adapter this machine has (in CI: Mesa's
// llvmpipe through Dawn's OpenGL ES backend). Forward values and training-mode gradients of every
// weight of each backbone's first stages (every op type each one uses), of a whole small model
// with a two-layer head, and of the three losses; then Adam steps of the trainer's own step.
// Skips with the reason where no adapter can be created, unless CXR_REQUIRE_SERVICES=1.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getKernel } from '@tensorflow/tfjs-core';
import { BACKBONE_NAMES, buildBackbone, buildModel } from '@cxr/models';
import { createRng } from '@cxr/data';
import { expectClose } from '@cxr/testkit';
import { selectBackend } from '../backend/select-backend.ts';
import { runOnBackend } from '../backend/run-on-backend.ts';
import { wasmTrainingKernels } from '../backend/wasm/register.ts';
import { buildLoss, DEFAULT_LOSS, LOSS_NAMES } from '../losses/registry.ts';
import { labelCounts } from '../losses/label-counts.ts';
import { makeTrainStep } from './fixed-batch-step.ts';

let unavailable: string | null = null;

/**
 * Every backbone, cut where its first stages already hold each op type it uses (32 px, one image:
 * the cpu backend needs seconds per stage even so; batch norm still normalises over >= 64 values).
 * cnn3-cnn6 differ only in depth (the same conv, ReLU, batch norm, max pool blocks): cnn3 stands for
 * them. DenseNet's transition (1x1 conv + AveragePooling) is checked as an op below.
 */
const stages: Record<string, string | null> = {
  cnn3: null,
  mobilenetv2: 'block_2_add', // stride-2 depthwise after ZeroPadding, ReLU6, residual Add
  resnet50v2: 'conv2_block1_out', // 7x7 stem, max pool, pre-activation BN, 1x1 projection shortcut, Add
  efficientnetb0: 'block2b_add', // Rescaling, Normalization, swish, squeeze-excite, Dropout, Add
  densenet121: 'conv2_block1_concat', // BN-ReLU-conv bottleneck, dense-block Concatenate
  resnet101: 'conv2_block1_out', // post-activation bottleneck (Keras V1), projection shortcut, Add
  alexnet: 'pool2', // 11x11 stride-4 convolution, 'same'-padded 3x3 stride-2 max pools
  resnet18: 'layer1_block0_out', // torchvision basic block, explicit ZeroPadding
  'custom-alexnet': 'pool1', // convolution + batch norm + ReLU, max pool
  'custom-resnet': 'layer2_block0_out', // basic blocks with a strided 1x1 downsample shortcut
  'custom-densenet': 'pool2_pool', // dense block and the transition's AveragePooling
  unet: null, // the whole U-Net: Conv2DTranspose and the long skip Concatenate
  'residual-unet': 'enc1_out', // residual block with a 1x1 projection shortcut
};

/** sum(model(x) * r) in training mode and its gradients w.r.t. the model's trainable weights, on `backend`. */
async function gradsOn(
  backend: string,
  build: () => tf.LayersModel,
  size: number,
  batch: number,
  seedName: string,
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = build();
  try {
    const rng = createRng(8, seedName);
    const xv = Float32Array.from({ length: batch * size * size * 3 }, () => rng.uniform(0, 1));
    const outShape = [batch, ...model.outputs[0]!.shape.slice(1)] as number[];
    const rv = Float32Array.from({ length: outShape.reduce((a, b) => a * b, 1) }, () => rng.normal(0, 1));
    const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
    return await runOnBackend(backend, () => {
      const x = tf.tensor4d(xv, [batch, size, size, 3]);
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(model.apply(x, { training: true }) as tf.Tensor, tf.tensor(rv, outShape))) as tf.Scalar,
        vars,
      );
      return [value, ...vars.map((v) => grads[v.name]!)];
    });
  } finally {
    model.dispose();
  }
}

/** Each array within relTol of its own largest reference value, floored at 1 % of the largest overall (round-off-only gradients). */
function expectCloseAll(got: Float32Array[], want: Float32Array[], relTol: number, what: string): void {
  assert.equal(got.length, want.length, `${what}: output count`);
  const largest = (v: Float32Array) => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);
  const global = Math.max(...want.map(largest));
  want.forEach((w, i) => expectClose(got[i]!, w, relTol * Math.max(largest(w), 0.01 * global), `${what} output ${i}`));
}

describe('webgpu follows cpu', () => {
  before(async () => {
    await selectBackend('cpu');
    try {
      const got = await selectBackend('webgpu');
      console.log(`webgpu adapter: ${JSON.stringify(got.adapter)}`);
    } catch (error) {
      unavailable = (error as Error).message;
      if (process.env['CXR_REQUIRE_SERVICES'] === '1') assert.fail(`CXR_REQUIRE_SERVICES=1 and ${unavailable}`);
    }
  });

  test("this project's custom kernels are not registered for webgpu, so stock ops run there", (t) => {
    if (unavailable) return t.skip(unavailable);
    for (const k of wasmTrainingKernels) assert.equal(getKernel(k.kernelName, 'webgpu')?.kernelFunc === k.kernelFunc, false, k.kernelName);
    for (const name of ['CxrChannelMoments', 'CxrBatchNormTrainingGrad']) assert.equal(getKernel(name, 'webgpu'), undefined, name);
  });

  test('every backbone of the zoo is covered by a stage here (or by cnn3)', () => {
    for (const b of BACKBONE_NAMES) assert.ok(b in stages || /^cnn\d$/.test(b), `${b} needs a cut point in this test`);
  });

  for (const [backbone, upTo] of Object.entries(stages)) {
    test(`${backbone}${upTo ? ` up to ${upTo}` : ''} at 32 px: training-mode forward and every weight's gradient equal cpu`, async (t) => {
      if (unavailable) return t.skip(unavailable);
      const build = () => {
        const full = buildBackbone(backbone, { inputSize: 32, channels: 3, seed: 3 });
        if (!upTo) return full;
        const stage = tf.model({ inputs: full.inputs, outputs: full.getLayer(upTo).output as tf.SymbolicTensor });
        // The stage shares the full model's layers; disposing the full model releases all weights.
        return Object.assign(stage, { dispose: () => full.dispose() });
      };
      const cpu = await gradsOn('cpu', build, 32, 1, backbone);
      const before = tf.memory().numTensors;
      const gpu = await gradsOn('webgpu', build, 32, 1, backbone);
      assert.equal(tf.memory().numTensors, before, `${backbone}: tensors leaked on webgpu`);
      expectCloseAll(gpu, cpu, 1e-3, backbone);
    });
  }

  test('cnn3 with a two-layer dropout head: forward and gradients equal cpu (seeded dropout draws the same masks)', async (t) => {
    if (unavailable) return t.skip(unavailable);
    const build = () => buildModel({ backbone: 'cnn3', inputSize: 32, channels: 3, head: '16/0.25->8/0.10', numClasses: 3, seed: 4 });
    const cpu = await gradsOn('cpu', build, 32, 2, 'head');
    const gpu = await gradsOn('webgpu', build, 32, 2, 'head');
    expectCloseAll(gpu, cpu, 1e-4, 'cnn3 + head');
  });

  test("DenseNet's transition pooling and global pooling: AvgPool (2x2 stride 2, 'valid' and 'same') and Mean, with gradients, equal cpu", async (t) => {
    if (unavailable) return t.skip(unavailable);
    const rng = createRng(8, 'avg-pool');
    const xv = Float32Array.from({ length: 2 * 7 * 7 * 5 }, () => rng.normal(0, 1));
    const run = () => {
      const f = (x: tf.Tensor) =>
        tf.add(
          tf.sum(tf.square(tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid'))),
          tf.add(tf.sum(tf.square(tf.avgPool(x as tf.Tensor4D, 3, 2, 'same'))), tf.sum(tf.square(tf.mean(x, [1, 2])))),
        );
      const { value, grad } = tf.valueAndGrad(f)(tf.tensor4d(xv, [2, 7, 7, 5]));
      return [value, grad];
    };
    expectCloseAll(await runOnBackend('webgpu', run), await runOnBackend('cpu', run), 1e-5, 'avgPool');
  });

  for (const name of LOSS_NAMES) {
    test(`loss ${name}: value and gradient w.r.t. the logits, with a mask, equal cpu`, async (t) => {
      if (unavailable) return t.skip(unavailable);
      const rng = createRng(8, `loss:${name}`);
      const [n, k] = [6, 4];
      const z = Float32Array.from({ length: n * k }, () => rng.normal(0, 2));
      const y = Float32Array.from({ length: n * k }, () => (rng.uniform(0, 1) < 0.3 ? 1 : 0));
      const m = Float32Array.from({ length: n * k }, () => (rng.uniform(0, 1) < 0.8 ? 1 : 0));
      const rows = Array.from({ length: n }, (_, i) => y.subarray(i * k, (i + 1) * k));
      const loss = buildLoss({ ...DEFAULT_LOSS, name }, labelCounts(rows));
      const run = () => {
        const { value, grad } = tf.valueAndGrad((logits: tf.Tensor) =>
          loss.compute(logits as tf.Tensor2D, tf.tensor2d(y, [n, k]), tf.tensor2d(m, [n, k])),
        )(tf.tensor2d(z, [n, k]));
        return [value, grad];
      };
      const cpu = await runOnBackend('cpu', run);
      const gpu = await runOnBackend('webgpu', run);
      expectCloseAll(gpu, cpu, 1e-5, name);
    });
  }

  test("the trainer's Adam step: 3 steps on webgpu follow cpu's losses, no tensors left behind", async (t) => {
    if (unavailable) return t.skip(unavailable);
    const lossesOn = async (backend: string) => {
      await tf.setBackend(backend);
      const model = buildModel({ backbone: 'cnn3', inputSize: 32, channels: 3, head: '16/0.20', numClasses: 3, seed: 6 });
      const rng = createRng(8, 'adam-steps');
      const x = tf.tensor4d(
        Float32Array.from({ length: 2 * 32 * 32 * 3 }, () => rng.uniform(0, 1)),
        [2, 32, 32, 3],
      );
      const y = tf.tensor2d(
        Float32Array.from({ length: 6 }, () => (rng.uniform(0, 1) < 0.4 ? 1 : 0)),
        [2, 3],
      );
      const step = makeTrainStep(model, x, y);
      const losses: number[] = [];
      try {
        losses.push(await step());
        const tensors = tf.memory().numTensors;
        for (let i = 1; i < 3; i++) losses.push(await step());
        assert.equal(tf.memory().numTensors, tensors, `${backend}: tensor count grew across steps`);
      } finally {
        step.dispose();
        tf.dispose([x, y]);
        model.dispose();
      }
      return losses;
    };
    const cpu = await lossesOn('cpu');
    const gpu = await lossesOn('webgpu');
    expectClose(gpu, cpu, 1e-4 * Math.max(...cpu.map(Math.abs)), 'Adam losses');
    assert.ok(cpu[2]! < cpu[0]!, `loss should fall on a fixed batch: ${cpu.join(', ')}`);
  });
});
