import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { writePhantomDataset } from '@cxr/data';
import { openResultsStore } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { selectBackend } from '../backend/index.ts';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import type { RunConfig } from '../config/run-config.ts';
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

describe('runExperiment: run identity independent of paths', () => {
  const tmp = makeTempDir('run-ident');
  // One working directory: both databases share the data and weights roots, as two `--db` runs in one folder would.
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
      return { out, run: store.getRun(out.runId), identity: store.identity };
    } finally {
      store.close();
    }
  };

  test("two databases in one folder, same config and seed: each resumes only its own run's checkpoint and never removes the other's", async () => {
    const crash = {
      afterCheckpoint: (epoch: number) => {
        if (epoch === 1) throw new Error('simulated crash after epoch 1');
      },
    };
    await assert.rejects(run('a.db', 5, { hooks: crash }), /simulated crash after epoch 1/);
    const aCheckpoint = join(tmp.dir, 'a.db.checkpoints', '1');
    assert.ok(existsSync(join(aCheckpoint, 'latest.json')), "a.db's checkpoint after epoch 1");

    const b = await run('b.db', 5);
    assert.equal(b.out.status, 'done');
    assert.equal(b.out.resumedEpochs, 0, 'b.db starts from epoch 1, not from a.db checkpoint');
    assert.equal(b.out.epochs, 2);
    assert.equal(b.run.info['checkpoint'], join(tmp.dir, 'b.db.checkpoints', '1'));
    assert.equal(existsSync(join(tmp.dir, 'b.db.checkpoints', '1')), false, "b.db's own checkpoints removed when done");
    assert.ok(existsSync(join(aCheckpoint, 'latest.json')), "a.db's checkpoint is still there");

    const a = await run('a.db', 5);
    assert.equal(a.out.status, 'done');
    assert.equal(a.out.resumedEpochs, 1, 'a.db resumes its own run');
    assert.equal(a.run.attempts, 2);
    assert.notEqual(a.identity, b.identity);
    assert.deepEqual(a.out.test, b.out.test, 'resumed and uninterrupted runs agree');
    assert.equal(existsSync(aCheckpoint), false);
  });

  test('the same phantom data copied to two folders trains once: the config hash leaves out dataset.dataDir', async () => {
    const smoke = presetConfig('smoke');
    const source = join(tmp.dir, 'phantom-source');
    const { phantom } = smoke.dataset;
    await writePhantomDataset({ outDir: source, images: phantom.images, size: phantom.size, seed: phantom.seed });
    const copies = [join(tmp.dir, 'mount-a', 'phantom'), join(tmp.dir, 'mount-b', 'phantom')];
    for (const copy of copies) cpSync(source, copy, { recursive: true });
    const at = (dataDir: string) => ({ config: resolveConfig(smoke, [{ source: '--data-dir', values: { dataset: { dataDir } } }]) });

    const first = await run('copies.db', 1, at(copies[0]!));
    assert.equal(first.out.status, 'done');
    assert.equal(
      first.out.configHash,
      '70533e3e5f3134e6ae43a06bd1f1fc82ff33d411b4b2596eca796988b90b3a43',
      'the hash of the smoke preset itself',
    );
    assert.equal(first.run.info['dataDir'], copies[0], 'the folder actually read is recorded with the run');
    const second = await run('copies.db', 1, at(copies[1]!));
    assert.deepEqual([second.out.status, second.out.runId], ['skipped', first.out.runId]);
    assert.deepEqual(second.out.test, first.out.test);
    const store = openResultsStore({ path: join(tmp.dir, 'copies.db') });
    try {
      assert.equal(store.status().configs, 1);
      const json = store.db.prepare('SELECT config_json FROM configs').pluck().get() as string;
      assert.equal((JSON.parse(json) as RunConfig).dataset.dataDir, null, 'the stored config is the identity config');
    } finally {
      store.close();
    }
    // b.db's run of the previous test used the generated phantom set (dataDir null): the same run.
    assert.equal((await run('b.db', 5, at(copies[1]!))).out.status, 'skipped');
  });
});
