import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { openResultsStore } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { selectBackend } from '../backend/index.ts';
import { presetConfig } from '../config/presets.ts';
import { runExperiment, type RunRequest } from './run-experiment.ts';

const CLI = resolve('experiments/bin/cxr.mjs');
// Read by the cxr CLI (experiments/src/cli/test-hooks.ts), which passes the run a hook that exits
// with 137 after that epoch's checkpoint; packages may not import the application.
const CRASH_AFTER_EPOCH_ENV = 'CXR_TEST_CRASH_AFTER_EPOCH';

describe('runExperiment (smoke preset)', () => {
  const tmp = makeTempDir('run');
  const roots = { dataRoot: join(tmp.dir, 'data'), weightsRoot: join(tmp.dir, 'weights') };
  let backend = '';
  before(async () => {
    backend = (await selectBackend('wasm')).backend;
  });
  after(tmp.cleanup);

  const run = async (db: string, seed: number, extra: Partial<RunRequest> = {}) => {
    const store = openResultsStore({ path: join(tmp.dir, db) });
    try {
      const out = await runExperiment({ config: presetConfig('smoke'), seed, store, backend, ...roots, ...extra });
      return { out, epochs: store.getEpochs(out.runId), run: store.getRun(out.runId) };
    } finally {
      store.close();
    }
  };

  test('same (config, seed, dataset, backend) in a fresh database gives bit-identical test metrics; a done run is not repeated; another seed differs', async () => {
    const before = tf.memory().numTensors;
    const a = await run('a.db', 1);
    assert.equal(a.out.status, 'done');
    assert.ok(a.out.test['macro_auc_roc']! >= 0 && a.out.test['macro_auc_roc']! <= 1);
    assert.equal(a.epochs.length, 2, 'one row per epoch');
    assert.equal(a.run.backend, backend);
    assert.deepEqual((a.run.info as { weights: unknown }).weights, { kind: 'random' });
    assert.equal(tf.memory().numTensors, before, 'no tensors left behind by a whole run');

    const again = await run('a.db', 1);
    assert.equal(again.out.status, 'skipped');
    assert.equal(again.out.runId, a.out.runId);

    const b = await run('b.db', 1);
    assert.deepEqual(b.out.test, a.out.test, 'bit-identical in a fresh database');
    assert.deepEqual(
      b.epochs.map((e) => [e.trainLoss, e.valLoss, e.metrics]),
      a.epochs.map((e) => [e.trainLoss, e.valLoss, e.metrics]),
    );

    const other = await run('a.db', 2);
    assert.notEqual(other.out.runId, a.out.runId);
    assert.notDeepEqual(other.out.test, a.out.test);
  });

  test('a run killed after its first epoch checkpoint resumes and ends with the metrics of an uninterrupted run', async () => {
    const crashed = spawnSync(
      process.execPath,
      [CLI, 'train', '--preset', 'smoke', '--seed', '3', '--backend', 'wasm', '--db', join(tmp.dir, 'c.db'), '--json'],
      {
        cwd: tmp.dir,
        env: { ...process.env, [CRASH_AFTER_EPOCH_ENV]: '1' },
        encoding: 'utf8',
      },
    );
    assert.equal(crashed.status, 137, crashed.stderr);
    const resumed = await run('c.db', 3, { staleAfterMs: 0 });
    assert.equal(resumed.out.resumedEpochs, 1);
    const whole = await run('d.db', 3);
    assert.deepEqual(resumed.out.test, whole.out.test);
    assert.equal(resumed.epochs.length, 2);
  });
});
