import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { balanceTrainingSplit, deriveSeed } from '@cxr/data';
import { makeTempDir } from '@cxr/testkit';
import { buildLoss } from '../losses/registry.ts';
import { labelCounts } from '../losses/label-counts.ts';
import { modelPhase } from './model-phase.ts';
import { claimedSmokeRun, type ClaimedRunFixture } from './testing.ts';
import { trainingSplit } from './training-split.ts';

// Seed 000 (section 2.4): the loss weights come from the balanced training set the model trains on.
describe('trainingSplit (the entries a run trains on) and the loss weights counted from it', () => {
  const tmp = makeTempDir('training-split');
  let f: ClaimedRunFixture;
  before(async () => {
    await tf.setBackend('cpu');
    f = await claimedSmokeRun(join(tmp.dir, 'run'));
  });
  after(() => {
    f?.close();
    tmp.cleanup();
  });
  const balance = { noFindingKeep: 0.3, duplicateBelow: 20, floor: 12, mirrorDuplicates: true };

  test('without sampling.balance: the training split, nothing mirrored', () => {
    const got = trainingSplit(f.run.config, f.data, 1, 0);
    assert.deepEqual(got.indices, f.data.split.train);
    assert.ok(got.mirrored.every((m) => !m));
  });

  test("with sampling.balance: the run's stream 'data' per epoch, mirrored copies flagged", () => {
    const config = { ...f.run.config, sampling: { ...f.run.config.sampling, oversample: null, balance } };
    const got = trainingSplit(config, f.data, 1, 2);
    const indices = f.data.split.train;
    assert.deepEqual(
      got,
      balanceTrainingSplit({
        indices,
        targets: f.data.targets,
        labelNames: f.data.labelNames,
        config: balance,
        seed: deriveSeed(1, 'data'),
        epoch: 2,
      }),
    );
    assert.ok(got.indices.length > indices.length * 0.3, 'replicas added');
    assert.ok(got.mirrored.includes(true));
  });

  test('modelPhase weighs the loss by the label counts of the balanced first epoch, not the raw split', async () => {
    const config = {
      ...f.run.config,
      loss: { ...f.run.config.loss, name: 'weighted-bce' as const },
      sampling: { ...f.run.config.sampling, oversample: null, balance },
    };
    const m = await modelPhase({ ...f.run, config }, f.claim, f.data);
    try {
      const balanced = trainingSplit(config, f.data, f.run.seed, 0).indices.map((i) => f.data.targets[i]!);
      const raw = f.data.split.train.map((i) => f.data.targets[i]!);
      const expected = buildLoss(config.loss, labelCounts(balanced), f.data.labelNames).weights!;
      assert.deepEqual(Array.from(m.loss.weights!), Array.from(expected));
      assert.notDeepEqual(Array.from(m.loss.weights!), Array.from(buildLoss(config.loss, labelCounts(raw), f.data.labelNames).weights!));
    } finally {
      m.model.model.dispose();
    }
  });
});
