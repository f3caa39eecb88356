import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { openTempResultsStore } from '@cxr/results/testing';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { claimRun, failRunBeforeStart, registerRunCell } from './claim-phase.ts';
import { resolveRun } from './resolve-phase.ts';

describe('claim phase', () => {
  const { store, cleanup } = openTempResultsStore();
  after(cleanup);
  const run = resolveRun({ config: presetConfig('smoke'), seed: 1, store, backend: 'wasm', experiment: 'table2', label: 'smoke' });

  test('registers and claims a new run with backend and versions; a second claim of a live run is busy; a done run is skipped with its test metrics', () => {
    const first = claimRun(run, 'fp-1');
    assert.equal(first.status, 'claimed');
    const row = store.getRun(first.runId);
    assert.deepEqual(
      [row.status, row.backend, row.label, row.experiment, row.datasetFingerprint],
      ['running', 'wasm', 'smoke', 'table2', 'fp-1'],
    );
    assert.equal(row.packageVersions['@tensorflow/tfjs'], tf.version.tfjs);

    const busy = claimRun(run, 'fp-1');
    assert.equal(busy.status, 'busy');
    assert.equal(busy.runId, first.runId);
    assert.ok(busy.status === 'busy' && busy.holder, 'a busy claim names its holder');
    assert.equal(busy.holder.pid, process.pid);
    assert.equal(busy.holder.process, 'running');

    if (first.status !== 'claimed') return;
    store.finishRun(first.claim, { metrics: [{ split: 'test', name: 'macro_auc_roc', value: 0.75 }], labelMetrics: [], predictions: [] });
    assert.deepEqual(claimRun(run, 'fp-1'), { status: 'skipped', runId: first.runId, test: { macro_auc_roc: 0.75 } });
  });

  test('registers the identity config (dataDir left out); the same config under another label keeps the first as an alias', () => {
    const elsewhere = resolveRun({
      config: resolveConfig(run.config, [{ source: '--data-dir', values: { dataset: { dataDir: tmpdir() } } }]),
      seed: 1,
      store,
      backend: 'wasm',
      experiment: 'table2',
      label: 'configs/smoke.json',
    });
    const got = claimRun(elsewhere, 'fp-3');
    assert.equal(got.status, 'claimed');
    const row = store.getRun(got.runId);
    assert.equal(row.configHash, run.configHash, 'the same config as without a data folder');
    assert.deepEqual([row.label, row.aliases], ['smoke', ['configs/smoke.json']]);
    const json = store.db.prepare('SELECT config_json FROM configs WHERE id = ?').pluck().get(row.configId) as string;
    assert.equal((JSON.parse(json) as { dataset: { dataDir: unknown } }).dataset.dataDir, null);
  });

  test('another dataset fingerprint is another run; a failed run is claimed again (a retry)', () => {
    const a = claimRun(run, 'fp-2');
    assert.equal(a.status, 'claimed');
    if (a.status !== 'claimed') return;
    store.failRun(a.claim, new Error('disk full'));
    const retry = claimRun(run, 'fp-2');
    assert.equal(retry.status, 'claimed');
    assert.equal(retry.runId, a.runId);
    assert.equal(store.getRun(a.runId).attempts, 2);
  });
});

describe('registerRunCell and failRunBeforeStart', () => {
  const { store, cleanup } = openTempResultsStore();
  after(cleanup);
  const config = presetConfig('smoke');

  test('a cell registered up front is the run the claim phase claims later: same id, label, identity (dataDir left out)', () => {
    const moved = resolveConfig(config, [{ source: '--data-dir', values: { dataset: { dataDir: tmpdir() } } }]);
    const row = registerRunCell(store, { experiment: 'sweep', label: '90 %', config: moved, seed: 2 }, 'fp-s');
    assert.deepEqual([row.status, row.label, row.seed, row.attempts], ['pending', '90 %', 2, 0]);
    assert.equal(registerRunCell(store, { experiment: 'sweep', label: '90 %', config: moved, seed: 2 }, 'fp-s').id, row.id, 'idempotent');
    const claimed = claimRun(resolveRun({ config, seed: 2, store, backend: 'wasm', experiment: 'sweep', label: 'other' }), 'fp-s');
    assert.equal(claimed.runId, row.id);
    const now = store.getRun(row.id);
    assert.deepEqual([now.status, now.label, now.aliases, now.configHash], ['running', '90 %', ['other'], run0Hash()]);
  });

  test('failRunBeforeStart fails a pending run with the error and its backend; false for a run another live claim holds', () => {
    const row = registerRunCell(store, { experiment: 'sweep', label: 'bad', config, seed: 3 }, 'fp-s');
    assert.equal(failRunBeforeStart(store, row.id, 'wasm', new Error('no weights at /nonexistent')), true);
    const failed = store.getRun(row.id);
    assert.deepEqual([failed.status, failed.backend, failed.attempts], ['failed', 'wasm', 1]);
    assert.match(failed.error ?? '', /no weights at \/nonexistent/);
    assert.ok(store.claimRun(row.id), 'this process holds it now');
    assert.equal(failRunBeforeStart(store, row.id, 'wasm', new Error('x')), false);
    assert.equal(store.getRun(row.id).status, 'running');
  });

  function run0Hash(): string {
    return resolveRun({ config, seed: 1, store, backend: 'wasm' }).configHash;
  }
});
