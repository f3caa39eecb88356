import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Problem } from '@cxr/core';
import { BadImagesError, writePhantomDataset } from '@cxr/data';
import { openTempResultsStore } from '@cxr/results/testing';
import { makeTempDir } from '@cxr/testkit';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { DEFAULT_MAX_DROPPED_FRACTION, droppedRows, formatProblem, recordDatasetProblems, recordImageProblems } from './problems-phase.ts';
import { loadRunDataset } from './data-phase.ts';
import { runExperiment } from './run-experiment.ts';

const { store, cleanup } = openTempResultsStore();
after(cleanup);
let n = 0;
function claimed() {
  const { configId } = store.registerConfig('problems', { n: n++ }, `c${n}`);
  return store.claimRun(store.registerRun({ configId, seed: 0, datasetFingerprint: 'fp' }).id)!;
}
const missing = (line: number): Problem => ({
  kind: 'missing-image',
  file: '/d/labels.csv',
  line,
  field: 'ImageID',
  message: `image file not found: /d/${line}.png`,
});
const records = (k: number) => new Array(k).fill({}) as never[];

describe('dataset problems with the run', () => {
  test('droppedRows counts distinct (file, line) places over kept + dropped rows; problems without a line are not rows', () => {
    assert.deepEqual(droppedRows({ records: records(99), problems: [missing(3)] }), { dropped: 1, rows: 100, fraction: 0.01 });
    const twoOnOneRow = [
      missing(3),
      { ...missing(3), field: 'Labels', message: 'bad label' },
      { file: '/d/labels.csv', message: 'header' },
    ];
    assert.deepEqual(droppedRows({ records: records(9), problems: twoOnOneRow }), { dropped: 1, rows: 10, fraction: 0.1 });
    assert.deepEqual(droppedRows({ records: [], problems: [] }), { dropped: 0, rows: 0, fraction: 0 });
    const counted = { total: 12, kept: 9, filtered: 1, dropped: 2 };
    assert.deepEqual(droppedRows({ records: records(9), problems: twoOnOneRow, rows: counted }), {
      dropped: 2,
      rows: 11,
      fraction: 2 / 11,
    });
    assert.equal(DEFAULT_MAX_DROPPED_FRACTION, 0.01);
  });

  test('formatProblem: file:line (field): message, leaving out what is absent', () => {
    assert.equal(formatProblem(missing(12)), '/d/labels.csv:12 (ImageID): image file not found: /d/12.png');
    assert.equal(formatProblem({ file: 'a.csv', message: 'm' }), 'a.csv: m');
  });

  test('at the limit the problems are stored and nothing throws; above it a TrainDataError lists counts and the first problems', () => {
    const ok = claimed();
    recordDatasetProblems(store, ok, { records: records(99), problems: [missing(2)] });
    assert.deepEqual(store.problemCounts(ok.runId), [{ kind: 'missing-image', count: 1 }]);

    const bad = claimed();
    const problems = [
      ...[2, 3, 4, 5, 6, 7].map(missing),
      { kind: 'malformed-row', file: '/d/labels.csv', line: 9, message: 'expected 35 fields' },
    ];
    assert.throws(() => recordDatasetProblems(store, bad, { records: records(93), problems }), {
      name: 'TrainDataError',
      message:
        'runExperiment: 7 of 100 data rows (7.0 %) were dropped, more than maxDroppedFraction 0.01 allows: 6 missing-image, 1 malformed-row; ' +
        'first problems: /d/labels.csv:2 (ImageID): image file not found: /d/2.png; /d/labels.csv:3 (ImageID): image file not found: /d/3.png; ' +
        '/d/labels.csv:4 (ImageID): image file not found: /d/4.png; /d/labels.csv:5 (ImageID): image file not found: /d/5.png; ' +
        `/d/labels.csv:6 (ImageID): image file not found: /d/6.png; and 2 more. All are stored with run ${bad.runId} (cxr db show ${bad.runId}); ` +
        'fix the data or raise the limit (cxr train --max-dropped-fraction)',
    });
    assert.equal(store.getProblems(bad.runId).length, 7, 'stored before the limit fails the run');
    recordDatasetProblems(store, bad, { records: records(93), problems }, 0.1);
  });

  test('a fraction outside [0, 1] is refused', () => {
    const c = claimed();
    for (const bad of [-0.1, 1.5, Number.NaN]) {
      assert.throws(() => recordDatasetProblems(store, c, { records: [], problems: [] }, bad), {
        name: 'TrainArgumentError',
        message: new RegExp(`^runExperiment\\(maxDroppedFraction\\): expected a fraction in \\[0, 1\\], received ${bad}$`),
      });
    }
  });
});

describe('runExperiment and dropped rows (smoke preset)', () => {
  const tmp = makeTempDir('problems-run');
  after(tmp.cleanup);

  test('3 of the kept images missing (2.3 %): the run fails before training, marked failed, its problems stored', async () => {
    const dataDir = join(tmp.dir, 'phantom');
    await writePhantomDataset({ outDir: dataDir, images: 160, size: 32, seed: 7 });
    const config = resolveConfig(presetConfig('smoke'), [{ source: 'test', values: { dataset: { dataDir } } }]);
    const kept = await loadRunDataset(config, join(tmp.dir, 'data'));
    assert.equal(kept.records.length, 131, 'the smoke views of the 160 phantom images');
    for (const r of kept.records.slice(0, 3)) rmSync(r.path);
    await assert.rejects(
      runExperiment({ config, seed: 1, store, backend: 'cpu', dataRoot: join(tmp.dir, 'data'), weightsRoot: join(tmp.dir, 'weights') }),
      (e: Error) => e.name === 'TrainDataError' && /^runExperiment: 3 of 131 data rows \(2\.3 %\) were dropped/.test(e.message),
    );
    const [run] = store.listRuns({ experiment: 'adhoc' });
    assert.equal(run!.status, 'failed');
    assert.match(run!.error!, /TrainDataError: runExperiment: 3 of 131 data rows/);
    assert.equal(store.getProblems(run!.id).length, 3);
    assert.deepEqual(store.getEpochs(run!.id), [], 'no training happened');
  });
});

describe('image problems with the run', () => {
  test('recordImageProblems appends every undecodable image to the run and rethrows; other errors pass unchanged', async () => {
    const claim = claimed();
    store.recordProblems(claim, [missing(3)]);
    const bad: Problem[] = [
      { source: 'image', kind: 'empty-image', file: '/d/a.png', message: 'zero bytes' },
      { source: 'image', kind: 'bad-image', file: '/d/b.png', message: 'truncated' },
    ];
    await assert.rejects(
      recordImageProblems(store, claim, () => Promise.reject(new BadImagesError(bad, 10, 'buildImageCache'))),
      BadImagesError,
    );
    assert.deepEqual(
      store.getProblems(claim.runId).map((p) => p.file),
      ['/d/labels.csv', '/d/a.png', '/d/b.png'],
    );
    await assert.rejects(
      recordImageProblems(store, claim, () => Promise.reject(new Error('other'))),
      /other/,
    );
    assert.equal(store.getProblems(claim.runId).length, 3);
    assert.equal(await recordImageProblems(store, claim, () => Promise.resolve(7)), 7);
  });
});
