import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { assertNoViolations, mergeShard } from './merge-shard.ts';
import { openMergedView } from './merged-view.ts';
import { openResultsStore, type ResultsStore } from './store.ts';

const { dir, cleanup } = makeTempDir('merge-shard');
after(cleanup);

/** A shard as a task writes it: one done run of `config` and seed, with its model folder. */
function writeShard(name: string, config: object, seed: number, auc: number, extraRuns = 0): string {
  const path = join(dir, name);
  const store = openResultsStore({ path, journal: 'rollback' });
  try {
    const { configId } = store.registerConfig('exp', config, 'level a');
    // Runs registered before it make the shard's run id differ from the target's.
    for (let i = 0; i < extraRuns; i++) store.registerRun({ configId, seed: 100 + i, datasetFingerprint: 'fp' });
    const run = store.registerRun({ configId, seed, datasetFingerprint: 'fp' });
    const claim = store.claimRun(run.id)!;
    store.recordEpoch(claim, { epoch: 0, trainLoss: 0.7, metrics: { macro_auc_roc: auc }, learningRates: { head: 1e-3 }, seconds: 1 });
    store.recordProblems(claim, [{ source: 'phantom', kind: 'missing-image', file: 'x.csv', line: 2, message: 'gone' }]);
    store.finishRun(claim, {
      metrics: [{ split: 'test', name: 'macro_auc_roc', value: auc }],
      labelMetrics: [{ split: 'test', label: 'a', name: 'auc_roc', value: auc }],
      predictions: [
        {
          split: 'test',
          labelNames: ['a'],
          rows: 2,
          cols: 1,
          probabilities: new Float32Array([0.2, 0.8]),
          labels: new Float32Array([0, 1]),
        },
      ],
    });
    const models = join(`${path}.models`, String(run.id));
    mkdirSync(models, { recursive: true });
    writeFileSync(join(models, 'meta.json'), JSON.stringify({ runId: run.id, seed }));
    writeFileSync(join(models, 'weights.bin'), 'w');
  } finally {
    store.close();
  }
  return path;
}

function dump(store: ResultsStore): string {
  return [
    'configs',
    'experiments',
    'experiment_configs',
    'config_aliases',
    'runs',
    'epochs',
    'metrics',
    'label_metrics',
    'predictions',
    'problems',
  ]
    .map((t) =>
      JSON.stringify(store.db.prepare(`SELECT * FROM ${t}`).all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
    )
    .join('\n');
}

describe('mergeShard', () => {
  test('a shard opened with journal rollback is not in WAL mode', () => {
    const path = writeShard('journal.db', { k: 'journal' }, 1, 0.5);
    const store = openResultsStore({ path, journal: 'rollback' });
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'delete');
    store.close();
  });

  test('carries the run and its rows with a remapped id and model folder; a second merge changes nothing', () => {
    const targetPath = join(dir, 'target.db');
    const target = openResultsStore({ path: targetPath });
    const { configId } = target.registerConfig('exp', { k: 'other' }, 'level b');
    target.registerRun({ configId, seed: 9, datasetFingerprint: 'fp' });
    const shard = writeShard('cell-0.db', { k: 'v' }, 1, 0.61, 2);
    const first = mergeShard(target, shard);
    assert.equal(first.merged.length, 1);
    const { from, to } = first.merged[0]!;
    assert.equal(from, 3, 'third run in the shard');
    assert.equal(to, 2, 'second run in the target');
    const run = target.getRun(to);
    assert.equal(run.status, 'done');
    assert.equal(run.label, 'level a');
    assert.equal(target.getEpochs(to).length, 1);
    assert.equal(target.getMetrics(to)[0]!.value, 0.61);
    assert.equal(target.getPredictions(to, 'test').rows, 2);
    assert.equal(target.getProblems(to).length, 1);
    assert.equal(target.getLabelMetrics(to).length, 1);
    const meta = JSON.parse(readFileSync(join(`${targetPath}.models`, String(to), 'meta.json'), 'utf8')) as { runId: number };
    assert.equal(meta.runId, to, 'meta.json names the target run id');
    assert.ok(existsSync(join(`${targetPath}.models`, String(to), 'weights.bin')));

    const before = dump(target);
    const second = mergeShard(target, shard);
    assert.deepEqual([second.merged.length, second.unchanged, second.violations.length], [0, 1, 0]);
    assert.equal(dump(target), before, 'byte-identical tables');
    assert.equal(target.db.pragma('integrity_check', { simple: true }), 'ok');
    target.close();
  });

  test('replaces a pending run registered at submission, keeping its id', () => {
    const target = openResultsStore({ path: join(dir, 'pending.db') });
    const { configId } = target.registerConfig('exp', { k: 'pending' }, 'level a');
    const pending = target.registerRun({ configId, seed: 1, datasetFingerprint: 'fp' });
    const r = mergeShard(target, writeShard('cell-p.db', { k: 'pending' }, 1, 0.7));
    assert.equal(r.merged[0]!.to, pending.id);
    assert.equal(target.getRun(pending.id).status, 'done');
    target.close();
  });

  test('the same run with other metrics in a second shard is a violation naming both files and the run, not overwritten', () => {
    const target = openResultsStore({ path: join(dir, 'violation.db') });
    const a = writeShard('va.db', { k: 'det' }, 2, 0.61);
    const b = writeShard('vb.db', { k: 'det' }, 2, 0.63);
    const results = [mergeShard(target, a), mergeShard(target, b)];
    assert.equal(results[1]!.violations.length, 1);
    assert.throws(
      () => assertNoViolations(results),
      (e: Error) => {
        assert.equal(e.name, 'MergeDeterminismError');
        assert.match(e.message, /seed 2/);
        assert.match(e.message, /vb\.db vs .*violation\.db \(merged from .*va\.db\)/);
        assert.match(e.message, /test\/macro_auc_roc 0\.63 vs 0\.61/);
        return true;
      },
    );
    assert.equal(target.listRuns()[0]!.status, 'done');
    assert.equal(target.getMetrics(target.listRuns()[0]!.id)[0]!.value, 0.61, 'first result kept');
    target.close();
  });

  test('a failed cell arrives failed with its error; a later done shard of it replaces it; unfinished runs are skipped', () => {
    const target = openResultsStore({ path: join(dir, 'failed.db') });
    const failedPath = join(dir, 'failed-shard.db');
    const shard = openResultsStore({ path: failedPath, journal: 'rollback' });
    const { configId } = shard.registerConfig('exp', { k: 'fails' }, 'level a');
    shard.failRun(shard.claimRun(shard.registerRun({ configId, seed: 1, datasetFingerprint: 'fp' }).id)!, new Error('out of memory'));
    shard.registerRun({ configId, seed: 2, datasetFingerprint: 'fp' });
    shard.close();
    const r = mergeShard(target, failedPath);
    assert.deepEqual(
      r.merged.map((m) => m.status),
      ['failed'],
    );
    assert.deepEqual(
      r.skipped.map((x) => x.reason),
      ['pending in the shard'],
    );
    const run = target.getRun(r.merged[0]!.to);
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /out of memory/);
    const done = mergeShard(target, writeShard('fails-done.db', { k: 'fails' }, 1, 0.66));
    assert.equal(done.merged[0]!.to, run.id, 'same run, now done');
    assert.equal(target.getRun(run.id).status, 'done');
    target.close();
  });

  test('openMergedView shows shard runs without writing the file', () => {
    const path = join(dir, 'view.db');
    openResultsStore({ path }).close();
    const before = readFileSync(path);
    const { store, results } = openMergedView(path, [writeShard('view-shard.db', { k: 'view' }, 1, 0.5)]);
    assert.equal(results[0]!.merged.length, 1);
    assert.equal(store.listRuns().length, 1);
    store.close();
    assert.deepEqual(readFileSync(path), before);
    const missing = openMergedView(join(dir, 'none.db'), []);
    assert.equal(missing.store.listRuns().length, 0);
    missing.store.close();
  });
});
