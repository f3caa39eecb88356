import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { IN_MEMORY, openResultsStore, type ResultsStore } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import type { ReportExperiment } from '../report-types.ts';
import { deployableThresholds } from './deployable-thresholds.ts';
import {
  readThresholdFile,
  thresholdFileForRun,
  THRESHOLDS_FORMAT,
  writeThresholdFiles,
  type LevelThresholdFile,
} from './threshold-files.ts';

const LABELS = ['a'];
const Y = Float32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
const P = Float32Array.from([0.05, 0.12, 0.22, 0.33, 0.41, 0.58, 0.36, 0.62, 0.77, 0.91]);

/**
 * Experiment 'exp': level '90 %' with seeds 1 and 2 done (validation macro AUC 0.7 and 0.8), seed 3
 * pending and seed 4 done without predictions; level 'none' pending only.
 */
function buildStore(): { store: ResultsStore; runs: number[] } {
  const store = openResultsStore({ path: IN_MEMORY });
  store.ensureExperiment('exp');
  const c90 = store.registerConfig('exp', { level: 90 }, '90 %').configId;
  const cNone = store.registerConfig('exp', { level: 0 }, 'none').configId;
  const runs: number[] = [];
  for (const [seed, valAuc] of [
    [1, 0.7],
    [2, 0.8],
  ] as const) {
    const run = store.registerRun({ configId: c90, seed, datasetFingerprint: 'fp' });
    const claim = store.claimRun(run.id, { backend: 'cpu' })!;
    // seed 2's scores are scaled by 0.9, so its thresholds differ from seed 1's
    const probabilities = Float32Array.from(P, (p) => (seed === 2 ? p * 0.9 : p));
    store.finishRun(claim, {
      metrics: [{ split: 'val', name: 'macro_auc_roc', value: valAuc }],
      labelMetrics: [],
      predictions: [{ split: 'val', labelNames: LABELS, rows: 10, cols: 1, probabilities, labels: Y }],
    });
    runs.push(run.id);
  }
  runs.push(store.registerRun({ configId: c90, seed: 3, datasetFingerprint: 'fp' }).id);
  // seed 4 finished without predictions (as runs of older versions did): listed as skipped
  const old = store.claimRun(store.registerRun({ configId: c90, seed: 4, datasetFingerprint: 'fp' }).id, { backend: 'cpu' })!;
  store.finishRun(old, { metrics: [{ split: 'val', name: 'macro_auc_roc', value: 0.99 }], labelMetrics: [], predictions: [] });
  runs.push(old.runId);
  store.registerRun({ configId: cNone, seed: 1, datasetFingerprint: 'fp' });
  return { store, runs };
}

const EXPERIMENT: ReportExperiment = {
  name: 'exp',
  title: 'Exp',
  thesisTable: null,
  factor: 'level',
  paramsColumn: null,
  levels: [
    { label: '90 %', regime: '' },
    { label: 'none', regime: '' },
  ],
  metrics: ['macro_auc_roc'],
  comparisons: [],
};

describe('threshold files', () => {
  const tmp = makeTempDir('thresholds');
  const { store, runs } = buildStore();
  after(() => {
    store.close();
    tmp.cleanup();
  });

  test("thresholdFileForRun: the run's identity and deployableThresholds of its validation predictions", () => {
    const file = thresholdFileForRun(store, runs[0]!);
    assert.deepEqual(
      { ...file, labels: undefined },
      { format: THRESHOLDS_FORMAT, runId: runs[0], experiment: 'exp', level: '90 %', seed: 1, labels: undefined },
    );
    assert.deepEqual(file.labels, deployableThresholds(store.getPredictions(runs[0]!, 'val')));
    assert.equal(file.labels['a']!.youden.threshold, Math.fround(0.62));
  });

  test('thresholdFileForRun refuses a run that is not done', () => {
    assert.throws(() => thresholdFileForRun(store, runs[2]!), {
      name: 'ReportArgumentError',
      message: `thresholdFileForRun(runId): expected a done run, received "run ${runs[2]}, pending"`,
    });
  });

  test('writeThresholdFiles: one file per level with a done run, every done seed kept, the best validation AUC recommended', () => {
    const out = join(tmp.dir, 'reports');
    const written = writeThresholdFiles(store, EXPERIMENT, out);
    assert.deepEqual(written, [join(out, 'exp', '90-pct', 'thresholds.json')]);
    assert.deepEqual(readdirSync(join(out, 'exp')), ['90-pct'], 'no file for a level without done runs, no temp left');
    const file = JSON.parse(readFileSync(written[0]!, 'utf8')) as LevelThresholdFile;
    assert.deepEqual([file.format, file.experiment, file.level, file.runId, file.seed], [THRESHOLDS_FORMAT, 'exp', '90 %', runs[1], 2]);
    assert.deepEqual(file.recommended, {
      runId: runs[1],
      seed: 2,
      valMacroAucRoc: 0.8,
      why: "best validation macro AUC-ROC of the level's 2 done runs",
    });
    assert.deepEqual(
      file.seeds.map((s) => [s.seed, s.valMacroAucRoc, s.labels['a']!.youden.threshold]),
      [
        [1, 0.7, Math.fround(0.62)],
        [2, 0.8, Math.fround(Math.fround(0.62) * 0.9)],
      ],
    );
    assert.deepEqual(file.labels, file.seeds[1]!.labels, "the top-level labels are the recommended seed's");
    assert.deepEqual(file.skippedRuns, [{ runId: runs[3], seed: 4, why: 'no stored validation predictions' }]);
    assert.deepEqual(readThresholdFile(written[0]!).labels, file.labels, 'readable by readThresholdFile');
  });

  test('readThresholdFile refuses unreadable files, another format and a bad threshold, naming the file', () => {
    const path = join(tmp.dir, 'bad.json');
    assert.throws(() => readThresholdFile(join(tmp.dir, 'missing.json')), {
      name: 'ReportError',
      message: new RegExp(`^readThresholdFile\\(${tmp.dir}/missing\\.json\\): cannot read it as JSON: ENOENT`),
    });
    writeFileSync(path, '{"format": "other/1", "labels": {}}');
    assert.throws(() => readThresholdFile(path), {
      message: `readThresholdFile(${path}): expected format "cxr-thresholds/1", received "other/1"`,
    });
    writeFileSync(path, JSON.stringify({ format: THRESHOLDS_FORMAT }));
    assert.throws(() => readThresholdFile(path), { message: `readThresholdFile(${path}): expected "labels": { label: { rule: entry } }` });
    const good = thresholdFileForRun(store, runs[0]!);
    writeFileSync(path, JSON.stringify({ ...good, labels: { a: { ...good.labels['a'], youden: { threshold: 'high' } } } }));
    assert.throws(() => readThresholdFile(path), {
      message: `readThresholdFile(${path}): labels.a.youden.threshold: expected a number or null, received "high"`,
    });
  });

  test('writeThresholdFiles refuses two levels that map to one folder', () => {
    const clash = openResultsStore({ path: IN_MEMORY });
    try {
      clash.ensureExperiment('exp');
      for (const label of ['90 %', '90-%']) {
        const configId = clash.registerConfig('exp', { label }, label).configId;
        const run = clash.registerRun({ configId, seed: 1, datasetFingerprint: 'fp' });
        const claim = clash.claimRun(run.id, { backend: 'cpu' })!;
        clash.finishRun(claim, {
          metrics: [],
          labelMetrics: [],
          predictions: [{ split: 'val', labelNames: LABELS, rows: 10, cols: 1, probabilities: P, labels: Y }],
        });
      }
      const experiment = {
        ...EXPERIMENT,
        levels: [
          { label: '90 %', regime: '' },
          { label: '90-%', regime: '' },
        ],
      };
      assert.throws(() => writeThresholdFiles(clash, experiment, join(tmp.dir, 'clash')), {
        name: 'ReportArgumentError',
        message:
          'writeThresholdFiles(experiment.levels): expected labels that map to distinct folders ("90 %" is also 90-pct), received "90-%"',
      });
    } finally {
      clash.close();
    }
  });
});
