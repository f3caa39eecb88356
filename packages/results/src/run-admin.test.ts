import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openTempResultsStore } from './testing.ts';

let clock = 1_000_000;
const { store, cleanup } = openTempResultsStore({ now: () => clock });
after(cleanup);
const a = store.registerConfig('sweep', { unfreeze: 0 }, '0 %').configId;
const b = store.registerConfig('sweep', { unfreeze: 0.5 }, '50 %').configId;
store.registerConfig('baseline', { unfreeze: 0 }, 'frozen'); // shares config a
store.ensureExperiment('empty');
const run = (configId: number, seed: number) => store.registerRun({ configId, seed, datasetFingerprint: 'fp' }).id;

describe('maintenance and browsing', () => {
  test('retryRun puts a failed run back to pending and refuses every other status, naming it', () => {
    const id = run(a, 0);
    assert.throws(() => store.retryRun(id), {
      name: 'ResultsStateError',
      message: `retryRun(runId): expected a failed run, but run ${id} is pending`,
    });
    const claim = store.claimRun(id)!;
    assert.throws(() => store.retryRun(id), { message: `retryRun(runId): expected a failed run, but run ${id} is running` });
    store.failRun(claim, 'oom');
    store.retryRun(id);
    const r = store.getRun(id);
    assert.deepEqual([r.status, r.endedAt, r.error], ['pending', null, 'oom']);
    const again = store.claimRun(id, { retryFailed: false })!;
    store.finishRun(again, { metrics: [], labelMetrics: [], predictions: [] });
    assert.throws(() => store.retryRun(id), { message: `retryRun(runId): expected a failed run, but run ${id} is done` });
    assert.throws(() => store.retryRun(424242), {
      name: 'ResultsNotFoundError',
      message: `retryRun(runId): expected a run id in ${store.path}, received 424242 which does not exist`,
    });
  });

  test('deleteRun removes the run and all its rows in one transaction, keeps the config, refuses a running run unless forced', () => {
    const id = run(a, 1);
    const claim = store.claimRun(id)!;
    store.recordEpoch(claim, { epoch: 0, trainLoss: 0.7, metrics: { macro_auc_roc: 0.6 }, learningRates: { head: 1e-3 }, seconds: 2 });
    store.recordProblems(claim, [{ file: 'f.csv', line: 2, message: 'bad row' }]);
    assert.throws(() => store.deleteRun(id), {
      name: 'ResultsStateError',
      message: `deleteRun(runId): expected a run that is not running (a running one needs force), but run ${id} is running`,
    });
    store.finishRun(claim, {
      metrics: [{ split: 'test', name: 'macro_auc_roc', value: 0.7 }],
      labelMetrics: [{ split: 'test', label: 'x', name: 'auc_roc', value: 0.7 }],
      predictions: [
        { split: 'test', labelNames: ['x'], rows: 1, cols: 1, probabilities: new Float32Array([0.5]), labels: new Float32Array([1]) },
      ],
    });
    assert.deepEqual(store.deleteRun(id), {
      runId: id,
      status: 'done',
      rows: { epochs: 1, metrics: 1, label_metrics: 1, predictions: 1, problems: 1 },
    });
    assert.throws(() => store.getRun(id), /does not exist/);
    for (const t of ['epochs', 'metrics', 'label_metrics', 'predictions', 'problems']) {
      assert.equal(store.db.prepare(`SELECT count(*) FROM ${t} WHERE run_id = ?`).pluck().get(id), 0, t);
    }
    assert.deepEqual(store.getConfig(a), { unfreeze: 0 }, 'the config stays');
    const held = run(b, 9);
    store.claimRun(held);
    assert.equal(store.deleteRun(held, { force: true }).status, 'running');
    assert.throws(() => store.deleteRun(held), { name: 'ResultsNotFoundError' });
  });

  test('listExperiments: configs, runs by status (a shared config counts in both), last activity', () => {
    clock = 5_000_000;
    const id = run(b, 2);
    clock = 6_000_000;
    const claim = store.claimRun(id)!;
    clock = 7_000_000;
    store.heartbeat(claim);
    clock = 8_000_000;
    const list = store.listExperiments();
    assert.deepEqual(
      list.map((e) => [e.name, e.configs, e.runs, e.lastActivityAt]),
      [
        ['sweep', 2, { pending: 0, running: 1, done: 1, failed: 0 }, 7_000_000],
        ['baseline', 1, { pending: 0, running: 0, done: 1, failed: 0 }, 1_000_000],
        ['empty', 0, { pending: 0, running: 0, done: 0, failed: 0 }, 1_000_000],
      ],
    );
    assert.equal(list[0]!.description, null);
  });

  test('getConfig refuses an unknown id', () => {
    assert.throws(() => store.getConfig(77), {
      name: 'ResultsNotFoundError',
      message: 'getConfig(configId): expected a config id returned by registerConfig, received 77 which does not exist',
    });
  });
});
