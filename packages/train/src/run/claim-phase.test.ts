import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { openTempResultsStore } from '@cxr/results/testing';
import { presetConfig } from '../config/presets.ts';
import { claimRun } from './claim-phase.ts';
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
