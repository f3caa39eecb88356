import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { buildFixtureStore } from './fixture-store.ts';
import { FIXTURE_EXPERIMENTS } from './fixture-experiments.ts';
import { FIXTURE_LABELS, FIXTURE_START_MS } from './fixture-data.ts';
import { FIXTURE_TEST_IMAGES, FIXTURE_UNCERTAIN_TEST_IMAGES, FIXTURE_VAL_IMAGES } from './fixture-predictions.ts';

/** Everything a report reads, without the holder columns (host, pid), which belong to the process. */
function snapshot(store: ReturnType<typeof buildFixtureStore>) {
  return store.listExperiments().map((e) => ({
    e,
    runs: store.listRuns({ experiment: e.name }).map((r) => {
      const { host: _h, pid: _p, pidStart: _s, ...rest } = r;
      return { ...rest, epochs: store.getEpochs(r.id), labels: store.getLabelMetrics(r.id), config: store.getConfig(r.configId) };
    }),
  }));
}

describe('buildFixtureStore', () => {
  const store = buildFixtureStore();
  after(() => store.close());

  test('holds both experiments with every run status, through the real store API', () => {
    const [unfreeze, loss] = store.listExperiments();
    assert.equal(unfreeze!.name, 'fixture-unfreeze');
    assert.deepEqual(unfreeze!.runs, { pending: 1, running: 1, done: 9, failed: 1 });
    assert.equal(loss!.name, 'fixture-loss');
    assert.deepEqual(loss!.runs, { pending: 0, running: 0, done: 9, failed: 0 });
    const failed = store.listRuns({ experiment: 'fixture-unfreeze', status: 'failed' })[0]!;
    assert.deepEqual(
      [failed.label, failed.seed, failed.error],
      ['50 %', 2, 'loss diverged: train loss NaN at epoch 3 (learning rate 1e-4)'],
    );
    const retried = store.listRuns({ experiment: 'fixture-unfreeze' }).find((r) => r.label === '90 %' && r.seed === 2)!;
    assert.deepEqual([retried.status, retried.attempts, retried.error], ['done', 2, null]);
    const running = store.listRuns({ experiment: 'fixture-unfreeze', status: 'running' })[0]!;
    assert.deepEqual([running.label, running.seed, store.getEpochs(running.id).length], ['100 %', 3, 2]);
  });

  test('stores metrics, per-label AUC, epochs and params the way the trainer does', () => {
    const run = store.listRuns({ experiment: 'fixture-unfreeze' }).find((r) => r.label === '0 %' && r.seed === 1)!;
    // Test macro AUC-ROC is the mean of the three label AUCs in fixture-data.ts.
    assert.equal(run.metrics.test!.macro_auc_roc, (0.64 + 0.598 + 0.585) / 3);
    assert.deepEqual(Object.keys(run.metrics).sort(), ['test', 'val']);
    assert.deepEqual(run.info.params, { total: 5_330_571, trainable: 402_442 });
    assert.deepEqual(
      store.getLabelMetrics(run.id).map((m) => m.label),
      [...FIXTURE_LABELS].sort(),
    );
    const epochs = store.getEpochs(run.id);
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [1, 2, 3],
    );
    assert.ok(epochs.every((e) => typeof e.valLoss === 'number' && typeof e.metrics.macro_auc_roc === 'number'));
    assert.ok(run.startedAt! > FIXTURE_START_MS && run.endedAt! > run.startedAt!);
  });

  test("stores each done run's val and test predictions; the seeds share one test split, scoliosis has two uncertain codes", () => {
    const runs = store.listRuns({ experiment: 'fixture-loss' }).filter((r) => r.label === 'weighted-bce');
    const tests = runs.map((r) => store.getPredictions(r.id, 'test'));
    assert.equal(store.getPredictions(runs[0]!.id, 'val').rows, FIXTURE_VAL_IMAGES);
    for (const t of tests) {
      assert.deepEqual([t.rows, t.cols, t.labelNames], [FIXTURE_TEST_IMAGES, 3, [...FIXTURE_LABELS]]);
      assert.deepEqual(t.labels, tests[0]!.labels);
      assert.ok(t.probabilities.every((p) => p > 0 && p < 1));
    }
    assert.notDeepEqual(tests[0]!.probabilities, tests[1]!.probabilities, 'seeds score differently');
    const uncertain = [...Array(FIXTURE_TEST_IMAGES).keys()].filter((n) => tests[0]!.labels[n * 3 + 2] === -1);
    assert.deepEqual(uncertain, [...FIXTURE_UNCERTAIN_TEST_IMAGES]);
    for (let k = 0; k < 3; k++) {
      const column = [...Array(FIXTURE_TEST_IMAGES).keys()].map((n) => tests[0]!.labels[n * 3 + k]);
      assert.ok(column.includes(0) && column.includes(1), `label ${k} has both classes`);
    }
    assert.throws(
      () => store.getPredictions(store.listRuns({ experiment: 'fixture-unfreeze', status: 'pending' })[0]!.id, 'test'),
      /getPredictions/,
    );
  });

  test('is deterministic: two builds, one on disk, hold the same rows and timestamps', () => {
    const { dir, cleanup } = makeTempDir('report-fixture');
    after(cleanup);
    const onDisk = buildFixtureStore(join(dir, 'fixture.db'));
    try {
      assert.deepEqual(snapshot(onDisk), snapshot(store));
    } finally {
      onDisk.close();
    }
  });

  test('refuses a database that already holds the fixture, naming the path', () => {
    const { dir, cleanup } = makeTempDir('report-fixture');
    after(cleanup);
    const path = join(dir, 'twice.db');
    buildFixtureStore(path).close();
    assert.throws(() => buildFixtureStore(path), {
      name: 'ReportArgumentError',
      message: `buildFixtureStore(path): expected a new database file (it already holds a fixture experiment), received ${JSON.stringify(path)}`,
    });
  });

  test('FIXTURE_EXPERIMENTS describes the levels the store holds, in its order', () => {
    for (const exp of FIXTURE_EXPERIMENTS) {
      const labels = [...new Set(store.listRuns({ experiment: exp.name }).map((r) => r.label))];
      assert.deepEqual(
        exp.levels.map((l) => l.label),
        labels,
      );
    }
  });
});
