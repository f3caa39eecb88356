import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { SCHEMA_VERSION } from './migrations.ts';
import { openTempResultsStore } from './testing.ts';
import type { RunStatus } from './types.ts';

const { store, path, cleanup } = openTempResultsStore();
after(cleanup);

// A small unfreeze sweep: 0 % has three seeds done, 50 % two done + one failed, 100 % one pending.
// Test values are made up; only their grouping and order are checked.
const zero = store.registerConfig('sweep', { unfreeze: 0 }, '0 %').configId;
const half = store.registerConfig('sweep', { unfreeze: 0.5 }, '50 %').configId;
const full = store.registerConfig('sweep', { unfreeze: 1 }, '100 %').configId;
store.registerConfig('other', { unfreeze: 0.5 }, 'half'); // the same config in another experiment
function done(configId: number, seed: number, metrics: Record<string, number>, fp = 'phantom-1'): number {
  const run = store.registerRun({ configId, seed, datasetFingerprint: fp });
  const claim = store.claimRun(run.id)!;
  store.finishRun(claim, {
    metrics: [
      ...Object.entries(metrics).map(([name, value]) => ({ split: 'test', name, value })),
      { split: 'val', name: 'macro_auc_roc', value: 0.5 },
    ],
    labelMetrics: [],
    predictions: [],
  });
  return run.id;
}
// Registered out of seed order on purpose.
done(zero, 2, { macro_auc_roc: 0.72, brier: 0.2 });
done(zero, 0, { macro_auc_roc: 0.7, brier: 0.21 });
done(zero, 1, { macro_auc_roc: 0.71 }); // no brier: brier becomes partial
done(half, 0, { macro_auc_roc: 0.8 });
done(half, 1, { macro_auc_roc: 0.81 });
done(half, 0, { macro_auc_roc: 0.6 }, 'padchest-9'); // another dataset: its own group
store.failRun(store.claimRun(store.registerRun({ configId: half, seed: 2, datasetFingerprint: 'phantom-1' }).id)!, 'oom');
store.registerRun({ configId: full, seed: 0, datasetFingerprint: 'phantom-1' });

describe('reads', () => {
  test('status counts experiments, configs and runs by status', () => {
    assert.deepEqual(store.status(), {
      path,
      schemaVersion: SCHEMA_VERSION,
      experiments: 2,
      configs: 3,
      runs: { pending: 1, running: 0, done: 6, failed: 1 } satisfies Record<RunStatus, number>,
    });
  });

  test('metricsByConfig groups done runs by config and dataset, metrics aligned with ascending seeds', () => {
    const summary = store.metricsByConfig('sweep');
    assert.deepEqual(
      summary.map((s) => [s.label, s.datasetFingerprint, s.seeds, s.metrics, s.partialMetrics]),
      [
        ['0 %', 'phantom-1', [0, 1, 2], { macro_auc_roc: [0.7, 0.71, 0.72] }, ['brier']],
        ['50 %', 'padchest-9', [0], { macro_auc_roc: [0.6] }, []],
        ['50 %', 'phantom-1', [0, 1], { macro_auc_roc: [0.8, 0.81] }, []],
      ],
    );
    assert.deepEqual(summary[0]!.config, { unfreeze: 0 });
    assert.equal(summary[0]!.configId, zero);
    assert.match(summary[0]!.hash, /^[0-9a-f]{64}$/);
    assert.equal(summary[0]!.runIds.length, 3);
    assert.deepEqual(
      store.metricsByConfig('sweep', { split: 'val', datasetFingerprint: 'phantom-1' }).map((s) => s.metrics),
      [{ macro_auc_roc: [0.5, 0.5, 0.5] }, { macro_auc_roc: [0.5, 0.5] }],
    );
    assert.deepEqual(
      store.metricsByConfig('other').map((s) => [s.label, s.seeds]),
      [
        ['half', [0]],
        ['half', [0, 1]],
      ],
    );
  });

  test('listRuns filters by experiment and status, labels come from the experiment asked for', () => {
    const all = store.listRuns();
    assert.equal(all.length, 8);
    assert.deepEqual(
      all.filter((r) => r.configId === half).map((r) => r.label),
      ['50 %', '50 %', '50 %', '50 %'],
    );
    assert.deepEqual(
      store.listRuns({ experiment: 'other' }).map((r) => [r.label, r.experiment, r.seed, r.status]),
      [
        ['half', 'other', 0, 'done'],
        ['half', 'other', 0, 'done'],
        ['half', 'other', 1, 'done'],
        ['half', 'other', 2, 'failed'],
      ],
    );
    assert.deepEqual(
      store.listRuns({ experiment: 'sweep', status: 'pending' }).map((r) => r.label),
      ['100 %'],
    );
    const failed = store.listRuns({ status: 'failed' });
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.error, 'oom');
    assert.deepEqual(store.listRuns({ status: 'done' })[0]!.metrics, {
      test: { brier: 0.21, macro_auc_roc: 0.7 },
      val: { macro_auc_roc: 0.5 },
    });
  });

  test('refuses unknown experiments, statuses, run ids and prediction splits', () => {
    assert.throws(() => store.listRuns({ experiment: 'swep' }), {
      name: 'ResultsNotFoundError',
      message: 'listRuns(filter.experiment): expected one of the experiments [sweep, other], received "swep" which does not exist',
    });
    assert.throws(
      () => store.metricsByConfig('nope'),
      /metricsByConfig\(experiment\): expected one of the experiments \[sweep, other\], received "nope"/,
    );
    assert.throws(() => store.metricsByConfig('sweep', { split: '' }), /metricsByConfig\(opts\.split\): expected a non-empty string/);
    assert.throws(() => store.listRuns({ status: 'finished' as RunStatus }), {
      name: 'ResultsArgumentError',
      message: 'listRuns(filter.status): expected one of pending, running, done, failed, received "finished"',
    });
    for (const fn of ['getRun', 'getEpochs', 'getMetrics', 'getLabelMetrics'] as const) {
      assert.throws(() => store[fn](999), {
        name: 'ResultsNotFoundError',
        message: `${fn}(runId): expected a run id returned by registerRun, received 999 which does not exist`,
      });
    }
    assert.throws(() => store.getRun(1.5), /getRun\(runId\): expected an integer >= 1, received 1\.5/);
    assert.throws(() => store.getPredictions(1, 'test'), {
      name: 'ResultsNotFoundError',
      message: 'getPredictions(split): expected a split with predictions for run 1 [], received "test" which does not exist',
    });
  });
});
