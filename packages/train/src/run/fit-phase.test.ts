import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { selectBackend } from '../backend/index.ts';
import { epochInput, fitRun } from './fit-phase.ts';
import { modelPhase } from './model-phase.ts';
import { presetConfig } from '../config/presets.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import { claimedSmokeRun, type ClaimedRunFixture } from './testing.ts';

/** Records, per epoch, the batch count announced at its start and the batches that came. */
function countingProgress() {
  const epochs: { announced: number; yielded: number; steps: Set<number> }[] = [];
  const progress: ProgressReporter = {
    ...silentProgress,
    epochStart: (_e, _total, steps) => void epochs.push({ announced: steps, yielded: 0, steps: new Set() }),
    batch: (_step, steps) => {
      epochs.at(-1)!.yielded++;
      epochs.at(-1)!.steps.add(steps);
    },
  };
  return { epochs, progress };
}

describe('fit phase', () => {
  const tmp = makeTempDir('fit-phase');
  let f: ClaimedRunFixture;
  const hookEpochs: number[] = [];
  const counted = countingProgress();
  before(async () => {
    // wasm with this project's kernels: the cpu backend takes minutes for the two fits below
    await selectBackend('wasm');
    f = await claimedSmokeRun(tmp.dir, { hooks: { afterCheckpoint: (epoch) => void hookEpochs.push(epoch) }, progress: counted.progress });
  });
  after(() => {
    f?.close();
    tmp.cleanup();
  });

  test('fits the smoke run: every epoch recorded in the store as it ends, the afterCheckpoint hook after each checkpoint', async () => {
    const m = await modelPhase(f.run, f.claim, f.data);
    try {
      const result = await fitRun(f.run, f.claim, f.data, m);
      assert.equal(result.history.length, 2);
      assert.equal(result.steps, 8, 'smoke: 4 steps per epoch');
      assert.deepEqual(hookEpochs, [1, 2]);
      // stepsPerEpoch 4 caps the sampler's 6 batches: the progress line says 4 before the first one
      assert.deepEqual(
        counted.epochs.map((e) => [e.announced, e.yielded, [...e.steps]]),
        [
          [4, 4, [4]],
          [4, 4, [4]],
        ],
      );
      const epochs = f.run.store.getEpochs(f.claim.runId);
      assert.deepEqual(
        epochs.map((e) => [e.epoch, e.trainLoss, e.valLoss]),
        result.history.map((r) => [r.epoch, r.trainLoss, r.valLoss]),
      );
      assert.ok(existsSync(m.checkpoint.dir), 'the checkpoint stays until the finish phase');
      assert.ok(f.run.store.getRun(f.claim.runId).heartbeatAt! >= f.claim.claimedAt, 'heartbeat sent');
    } finally {
      m.model.model.dispose();
    }
  });

  test('full epochs with oversampling: the batch count announced before each epoch is the number of batches it yields', async () => {
    const c = countingProgress();
    const config = { ...presetConfig('smoke'), stepsPerEpoch: null, sampling: { oversample: { maxRepeats: 3 } } };
    const g = await claimedSmokeRun(tmp.dir, { config, progress: c.progress }, 'oversampled.db');
    const m = await modelPhase(g.run, g.claim, g.data);
    try {
      const result = await fitRun(g.run, g.claim, g.data, m);
      assert.equal(c.epochs.length, 2);
      for (const e of c.epochs) assert.deepEqual([e.announced, [...e.steps]], [e.yielded, [e.yielded]]);
      assert.ok(c.epochs[0]!.yielded > Math.ceil(g.data.split.train.length / 16), 'oversampling adds batches');
      assert.equal(result.steps, c.epochs[0]!.yielded * 2);
    } finally {
      m.model.model.dispose();
      g.close();
    }
  });

  test('epochInput leaves out a non-finite validation loss and non-finite metrics', () => {
    const learningRates = { head: 1e-3, backbone: 1e-4 };
    assert.deepEqual(
      epochInput({
        epoch: 1,
        trainLoss: 0.7,
        valLoss: Number.NaN,
        metrics: { macro_auc_roc: Number.NaN, macro_pr_auc: 0.2 },
        learningRates,
        seconds: 1,
      }),
      { epoch: 1, trainLoss: 0.7, metrics: { macro_pr_auc: 0.2 }, learningRates, seconds: 1 },
    );
  });
});
