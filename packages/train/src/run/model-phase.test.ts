import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { saveBackboneTo } from '@cxr/models';
import { makeTempDir } from '@cxr/testkit';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { snapshotWeights } from '../step/model-variables.ts';
import { runCheckpoint } from './checkpoint.ts';
import { pretrainedWeightsDir } from '../config/pretrained-weights-dir.ts';
import { buildRunModel, headSpec, modelPhase } from './model-phase.ts';
import { claimedSmokeRun } from './testing.ts';

describe('model phase', () => {
  const tmp = makeTempDir('model-phase');
  before(async () => {
    await tf.setBackend('cpu');
  });
  after(tmp.cleanup);
  const smoke = presetConfig('smoke');

  test('random init is seeded by the run seed; the head spec follows the config', async () => {
    assert.equal(
      headSpec([
        { units: 256, dropout: 0.3 },
        { units: 128, dropout: 0.3 },
      ]),
      '256/0.3->128/0.3',
    );
    const a = await buildRunModel(smoke, 1, 10, tmp.dir);
    const b = await buildRunModel(smoke, 1, 10, tmp.dir);
    const c = await buildRunModel(smoke, 2, 10, tmp.dir);
    assert.deepEqual(await snapshotWeights(a.model), await snapshotWeights(b.model));
    assert.notDeepEqual(await snapshotWeights(a.model), await snapshotWeights(c.model));
    assert.deepEqual(a.weights, { kind: 'random' });
    assert.deepEqual(a.model.outputs[0]!.shape, [null, 10]);
    assert.equal(
      a.params.trainable,
      a.params.total - a.model.nonTrainableWeights.reduce((s, w) => s + w.shape.reduce((p: number, d) => p * (d ?? 1), 1), 0),
    );
    a.setPhase('head-only');
    assert.ok(
      a.model.trainableWeights.every((w) => w.name.includes('head_')),
      'head only',
    );
    a.setPhase('unfrozen');
    assert.ok(a.model.trainableWeights.some((w) => !w.name.includes('head_')));
    [a, b, c].forEach((m) => m.model.dispose());
  });

  test('an empty head is the logits layer alone: with the backbone frozen only it trains (seed 003 "the final layer")', async () => {
    const cfg = resolveConfig(smoke, [{ source: 't', values: { model: { head: [], unfreeze: 0 } } }]);
    assert.equal(headSpec(cfg.model.head), 'logits');
    const m = await buildRunModel(cfg, 1, 4, tmp.dir);
    try {
      assert.deepEqual(
        m.model.trainableWeights.map((w) => w.name.split('/')[0]),
        ['head_logits', 'head_logits'],
      );
      assert.equal(m.model.layers.filter((l) => l.name.startsWith('head_dense')).length, 0);
    } finally {
      m.model.dispose();
    }
  });

  test("'pretrained' loads the backbone saved under weights/pretrained by layer name, or says which command makes it", async () => {
    const cfg = resolveConfig(smoke, [{ source: 't', values: { model: { init: 'pretrained' } } }]);
    await assert.rejects(
      buildRunModel(cfg, 1, 10, tmp.dir),
      /buildRunModel: no pretrained cnn3 weights for 32 px, 1 channel\(s\) at .*cnn3-32px-1ch; make them with: npx cxr pretrain --backbone cnn3 --size 32 --channels 1/,
    );
    const donor = await buildRunModel(smoke, 5, 3, tmp.dir);
    const dir = pretrainedWeightsDir(tmp.dir, 'cnn3', 32, 1);
    await saveBackboneTo(donor.model, dir, { source: 'test-donor' });
    const got = await buildRunModel(cfg, 1, 10, tmp.dir);
    assert.equal(got.weights.kind, 'pretrained');
    assert.equal(got.weights.source, 'test-donor');
    assert.ok(got.weights.matchedLayers! > 0);
    assert.deepEqual(got.weights.missingLayers, []);
    // the first conv kernel now equals the donor's
    assert.deepEqual((await snapshotWeights(got.model))[0], (await snapshotWeights(donor.model))[0]);
    const converted = await buildRunModel(
      resolveConfig(smoke, [{ source: 't', values: { model: { init: { weights: dir } } } }]),
      1,
      10,
      tmp.dir,
    );
    assert.equal(converted.weights.kind, 'converted');
    await assert.rejects(
      buildRunModel(resolveConfig(smoke, [{ source: 't', values: { model: { init: { weights: `${tmp.dir}/nope` } } } }]), 1, 10, tmp.dir),
      /buildRunModel: the weights folder .*nope does not exist/,
    );
    [donor, got, converted].forEach((m) => m.model.dispose());
  });

  test('modelPhase: loss weights from the training split, the model, the checkpoint location, all recorded with the run', async () => {
    const f = await claimedSmokeRun(join(tmp.dir, 'phase'));
    try {
      const m = await modelPhase(f.run, f.claim, f.data);
      try {
        const fingerprint = f.data.dataset.fingerprint;
        const run = { ...f.run, runId: f.claim.runId, datasetFingerprint: fingerprint };
        assert.deepEqual(m.checkpoint, runCheckpoint(f.run.store, run, f.run.weightsRoot));
        assert.match(m.checkpoint.identity, /^[0-9a-f]{16}$/);
        assert.equal(m.checkpoint.dir, `${f.run.store.path}.checkpoints/${f.claim.runId}`, 'beside the database, per run id');
        const store = { path: f.run.store.path, identity: f.run.store.identity, inMemory: false };
        const other = { ...store, identity: 'f'.repeat(32) };
        assert.notEqual(runCheckpoint(store, { ...run, backend: 'wasm' }, 'w').identity, m.checkpoint.identity, 'another backend');
        assert.notEqual(runCheckpoint(other, run, 'w').identity, m.checkpoint.identity, 'another database (same file name)');
        assert.notEqual(runCheckpoint(store, { ...run, runId: run.runId + 1 }, 'w').dir, m.checkpoint.dir, 'another run');
        assert.equal(
          runCheckpoint({ path: '/db/b.db', identity: store.identity, inMemory: false }, run, 'w').dir,
          `/db/b.db.checkpoints/${run.runId}`,
          'a copy of the file under another name has its own folder',
        );
        assert.equal(
          runCheckpoint({ path: ':memory:', identity: store.identity, inMemory: true }, run, 'w').dir,
          join('w', 'checkpoints', `memory-${store.identity}`, String(run.runId)),
          'an in-memory store: under weightsRoot, by its (per-open) identity',
        );
        const info = f.run.store.getRun(f.claim.runId).info;
        assert.deepEqual(info, {
          weights: { kind: 'random' },
          params: m.model.params,
          checkpoint: m.checkpoint.dir,
          lossWeights: Array.from(m.loss.weights!),
          split: { train: 78, val: 24, test: 29 },
          dataDir: f.data.dataset.dataDir,
        });
        assert.equal(m.loss.weights!.length, f.data.labelNames.length);
      } finally {
        m.model.model.dispose();
      }
    } finally {
      f.close();
    }
  });
});
