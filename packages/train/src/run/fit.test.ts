import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@cxr/data';
import { makeTempDir } from '@cxr/testkit';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { buildLoss } from '../losses/registry.ts';
import { fit, type FitOptions } from './fit.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import { modelVariables, snapshotWeights } from '../step/model-variables.ts';
import type { StepBatch } from '../step/train-step.ts';

const K = 3;
const SIZE = 8;

// A tiny conv net with a two-layer 'head_' block; seeded initialisers make it reproducible.
function tinyModel(): tf.LayersModel {
  const input = tf.input({ shape: [SIZE, SIZE, 1] });
  let x = tf.layers
    .conv2d({ name: 'conv', filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ name: 'bn' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .dense({ name: 'head_dense', units: 6, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })
    .apply(x) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ name: 'head_logits', units: K, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

// Synthetic images whose label k lights up quadrant k; fixed by seed and epoch.
function batches(seed: number, epoch: number, n: number, batch: number): StepBatch[] {
  const rng = createRng(seed, `test/${epoch}`);
  const out: StepBatch[] = [];
  for (let s = 0; s < n; s += batch) {
    const b = Math.min(batch, n - s);
    const xs = new Float32Array(b * SIZE * SIZE);
    const ys = new Float32Array(b * K);
    for (let i = 0; i < b; i++) {
      for (let k = 0; k < K; k++) {
        const on = rng.next() < 0.4 ? 1 : 0;
        ys[i * K + k] = on;
        for (let p = 0; p < SIZE * SIZE; p++) {
          const quadrant = (p % SIZE < SIZE / 2 ? 0 : 1) + (p < (SIZE * SIZE) / 2 ? 0 : 2);
          if (quadrant === k) xs[i * SIZE * SIZE + p] += on * 0.8;
        }
      }
      for (let p = 0; p < SIZE * SIZE; p++) xs[i * SIZE * SIZE + p] += rng.uniform(0, 0.3);
    }
    out.push({ xs: tf.tensor4d(xs, [b, SIZE, SIZE, 1]), ys: tf.tensor2d(ys, [b, K]), mask: null });
  }
  return out;
}

const VAL = { seed: 99, n: 24 };

async function validate(model: tf.LayersModel): Promise<{ loss: number; metrics: Record<string, number> }> {
  const [b] = batches(VAL.seed, 0, VAL.n, VAL.n);
  const logits = model.apply(b!.xs) as tf.Tensor2D;
  const z = await logits.data();
  const y = await b!.ys.data();
  const loss = tf.tidy(() => tf.losses.sigmoidCrossEntropy(b!.ys, logits).dataSync()[0]!);
  tf.dispose([logits, b!.xs, b!.ys]);
  // macro AUC by pairwise comparison (ties count 1/2): small and obviously correct
  let sum = 0;
  for (let k = 0; k < K; k++) {
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < VAL.n; i++)
      for (let j = 0; j < VAL.n; j++) {
        if (y[i * K + k] === 1 && y[j * K + k] === 0) {
          pairs++;
          wins += z[i * K + k]! > z[j * K + k]! ? 1 : z[i * K + k] === z[j * K + k] ? 0.5 : 0;
        }
      }
    sum += wins / pairs;
  }
  return { loss, metrics: { macro_auc_roc: sum / K } };
}

function options(model: tf.LayersModel, overrides: Partial<FitOptions> = {}, configOverrides = {}): FitOptions {
  const config = resolveConfig(presetConfig('smoke'), [{ source: 'test', values: { epochs: 3, stepsPerEpoch: null, ...configOverrides } }]);
  const counts = { positives: [10, 10, 10], totals: [24, 24, 24] };
  return {
    model,
    loss: buildLoss(config.loss, counts),
    config,
    baseRates: { head: 1e-2, backbone: 1e-2 },
    trainBatches: (epoch) => batches(7, epoch, 40, 16),
    validate,
    setPhase: (phase) => {
      for (const layer of model.layers) layer.trainable = phase === 'unfrozen' || layer.name.startsWith('head_');
    },
    checkpoint: null,
    ...overrides,
  };
}

describe('fit', () => {
  const tmp = makeTempDir('fit');
  before(async () => {
    await tf.setBackend('cpu');
  });
  after(tmp.cleanup);

  test('two fresh fits give bit-identical histories and weights; tensors stay flat across epochs', async () => {
    const counts: number[] = [];
    const run = async () => {
      const model = tinyModel();
      const r = await fit(
        options(model, {
          onEpoch: () => {
            counts.push(tf.memory().numTensors);
          },
        }),
      );
      const w = await snapshotWeights(model);
      model.dispose();
      return { r, w };
    };
    const start = tf.memory().numTensors;
    const a = await run();
    const b = await run();
    assert.deepEqual(
      a.r.history.map((h) => [h.trainLoss, h.valLoss, h.metrics]),
      b.r.history.map((h) => [h.trainLoss, h.valLoss, h.metrics]),
    );
    assert.deepEqual(a.w, b.w);
    assert.equal(a.r.history.length, 3);
    assert.ok(a.r.history[2]!.metrics['macro_auc_roc']! > 0.5, `learns something: ${a.r.history[2]!.metrics['macro_auc_roc']}`);
    assert.equal(counts[0], counts[1]);
    assert.equal(counts[1], counts[2], `tensor count flat across epochs: ${counts.join(', ')}`);
    assert.equal(tf.memory().numTensors, start, 'nothing left behind');
  });

  test('a fit killed after epoch 1 resumes from its checkpoint and ends bit-identical to an uninterrupted fit', async () => {
    const whole = tinyModel();
    await fit(options(whole));
    const expected = await snapshotWeights(whole);
    whole.dispose();

    const ckpt = { dir: `${tmp.dir}/ckpt`, identity: 'run-a' };
    const first = tinyModel();
    await assert.rejects(
      fit(
        options(first, {
          checkpoint: ckpt,
          afterCheckpoint: (epoch) => {
            if (epoch === 1) throw new Error('simulated crash');
          },
        }),
      ),
      /simulated crash/,
    );
    first.dispose();
    const second = tinyModel();
    const restoredRows: number[] = [];
    const r = await fit(
      options(second, {
        checkpoint: ckpt,
        onEpoch: (row, restored) => {
          if (restored) restoredRows.push(row.epoch);
        },
      }),
    );
    assert.equal(r.resumedEpochs, 1);
    assert.deepEqual(restoredRows, [1]);
    assert.deepEqual(await snapshotWeights(second), expected);
    second.dispose();
    await assert.rejects(
      fit(options(tinyModel(), { checkpoint: { ...ckpt, identity: 'run-b' } })),
      /readCheckpoint: .* belongs to run run-a, not run-b/,
    );
  });

  test('freeze-then-unfreeze: backbone weights do not move while only the head trains', async () => {
    const model = tinyModel();
    const phases: string[] = [];
    const backbone0 = modelVariables(model)
      .filter((v) => !v.head)
      .map((v) => v.variable.dataSync().slice());
    let afterHeadOnly: Float32Array[] = [];
    const opts = options(model, {}, { schedule: { freezeThenUnfreeze: { headOnlyEpochs: 1 }, earlyStopping: null } });
    await fit({
      ...opts,
      setPhase: (p) => {
        phases.push(p);
        opts.setPhase(p);
      },
      onEpoch: (row) => {
        if (row.epoch === 1)
          afterHeadOnly = modelVariables(model)
            .filter((v) => !v.head)
            .map((v) => v.variable.dataSync().slice() as Float32Array);
      },
    });
    assert.deepEqual(phases, ['head-only', 'unfrozen', 'unfrozen']);
    // conv kernel/bias unchanged in epoch 1 (bn moving statistics do move: batch statistics are computed in training mode)
    assert.deepEqual(afterHeadOnly.slice(0, 2), backbone0.slice(0, 2));
    assert.notDeepEqual(modelVariables(model)[0]!.variable.dataSync(), backbone0[0]);
    model.dispose();
  });

  test('early stopping restores the best epoch and stops after patience', async () => {
    const model = tinyModel();
    const scripted = [0.7, 0.6, 0.5, 0.4];
    let i = 0;
    let best: Float32Array[] = [];
    const r = await fit({
      ...options(model, {}, { epochs: 4, schedule: { earlyStopping: { patience: 2 } } }),
      validate: () => ({ loss: 1, metrics: { macro_auc_roc: scripted[i++]! } }),
      onEpoch: async (row) => {
        if (row.epoch === 1) best = await snapshotWeights(model);
      },
    });
    assert.equal(r.bestEpoch, 1);
    assert.equal(r.stoppedEarly, true);
    assert.equal(r.history.length, 3);
    assert.deepEqual(await snapshotWeights(model), best);
    model.dispose();
  });

  test('schedule.bestBy: plateau follows val_loss while the best weights follow val_macro_f1 (seed 000)', async () => {
    const model = tinyModel();
    // val loss keeps falling (no plateau), macro F1 peaks at epoch 2
    const f1 = [0.2, 0.5, 0.3];
    let i = 0;
    let best: Float32Array[] = [];
    const r = await fit({
      ...options(model, {}, { epochs: 3, schedule: { monitor: 'val_loss', bestBy: 'val_macro_f1', earlyStopping: { patience: 3 } } }),
      validate: () => ({ loss: 1 - i / 10, metrics: { macro_f1: f1[i++]! } }),
      onEpoch: async (row) => {
        if (row.epoch === 2) best = await snapshotWeights(model);
      },
    });
    assert.equal(r.bestEpoch, 2);
    assert.equal(r.history.length, 3);
    assert.deepEqual(await snapshotWeights(model), best);
    model.dispose();
  });

  test("progress: batch i/N with N known before the epoch (the sampler's count, capped by stepsPerEpoch), early stopping passed on", async () => {
    const record = () => {
      const calls: { starts: [number, number, number, boolean][]; batches: [number, number][] } = { starts: [], batches: [] };
      const progress: ProgressReporter = {
        ...silentProgress,
        epochStart: (e, total, steps, run) => void calls.starts.push([e, total, steps, run?.mayStopEarly ?? false]),
        batch: (step, steps) => void calls.batches.push([step, steps]),
      };
      return { calls, progress };
    };
    // 40 images in batches of 16: 3 batches per epoch
    const full = record();
    const model = tinyModel();
    await fit(
      options(model, { epochSteps: () => 3, progress: full.progress }, { epochs: 2, schedule: { earlyStopping: { patience: 5 } } }),
    );
    assert.deepEqual(full.calls.starts, [
      [1, 2, 3, true],
      [2, 2, 3, true],
    ]);
    assert.deepEqual(full.calls.batches, [
      [1, 3],
      [2, 3],
      [3, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const capped = record();
    await fit(
      options(
        model,
        { epochSteps: () => 3, progress: capped.progress },
        { epochs: 1, stepsPerEpoch: 2, schedule: { earlyStopping: null } },
      ),
    );
    assert.deepEqual(capped.calls.starts, [[1, 1, 2, false]]);
    assert.deepEqual(capped.calls.batches, [
      [1, 2],
      [2, 2],
    ]);
    const unknown = record();
    await fit(options(model, { progress: unknown.progress }, { epochs: 1 }));
    assert.deepEqual(
      unknown.calls.batches.map(([, n]) => n),
      [0, 0, 0],
    );
    model.dispose();
  });
});
