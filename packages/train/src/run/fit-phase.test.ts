import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { makeTempDir } from '@cxr/testkit';
import { epochInput, fitRun } from './fit-phase.ts';
import { modelPhase } from './model-phase.ts';
import { claimedSmokeRun, type ClaimedRunFixture } from './testing.ts';

describe('fit phase', () => {
  const tmp = makeTempDir('fit-phase');
  let f: ClaimedRunFixture;
  const hookEpochs: number[] = [];
  before(async () => {
    await tf.setBackend('cpu');
    f = await claimedSmokeRun(tmp.dir, { hooks: { afterCheckpoint: (epoch) => void hookEpochs.push(epoch) } });
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
