import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { UNCERTAIN } from '../records.ts';
import { countLabels } from './label-counts.ts';
import { CHEXPERT_COLUMNS } from './chexpert.ts';
import { CHEXPERT_LABELS } from './label-lists.ts';
import { loadDataset } from './load-dataset.ts';
import { writeChexpertQuirks } from './testing/fixtures.ts';

const { dir, cleanup } = makeTempDir('chexpert');
after(cleanup);

describe('CheXpert adapter', () => {
  writeChexpertQuirks(dir);
  const root = join(dir, 'CheXpert-v1.0-small');
  const at = (name: string) => CHEXPERT_LABELS.indexOf(name);

  test('keeps frontal images of train.csv and valid.csv with uncertain values intact', async () => {
    const ds = await loadDataset({ dataset: 'chexpert', dataDir: dir });
    assert.deepEqual(ds.labelNames, CHEXPERT_LABELS);
    assert.deepEqual(
      ds.records.map((r) => [r.patientId, r.studyId, r.view, r.sex, r.age]),
      [
        ['patient00001', 'patient00001/study1', 'AP', 'Female', 68],
        ['patient00002', 'patient00002/study1', 'PA', 'Male', 87],
        ['patient64541', 'patient64541/study1', 'AP', 'Male', 73],
      ],
    );
    const first = ds.records[0]!;
    assert.equal(first.labels[at('Cardiomegaly')], UNCERTAIN);
    assert.equal(first.labels[at('Edema')], 1);
    assert.equal(first.labels[at('Pneumonia')], 0, 'blank = not mentioned = negative');
    assert.equal(ds.records[1]!.labels[at('No Finding')], 1);
    assert.equal(first.imageId, 'CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg');
    assert.equal(first.path, join(dir, first.imageId));
    assert.deepEqual(ds.projections, { AP: 4, Lateral: 1, PA: 1 });
  });

  test('reports a bad label value and a missing image with their lines', async () => {
    const ds = await loadDataset({ dataset: 'chexpert', dataDir: dir });
    assert.deepEqual(
      ds.problems.map((p) => [p.file, p.line, p.field]),
      [
        [join(root, 'train.csv'), 5, 'Edema'],
        [join(root, 'train.csv'), 6, 'Path'],
      ],
    );
    assert.match(ds.problems[0]!.message, /expected 1\.0, 0\.0, -1\.0 or blank, found "2\.0"/);
    assert.deepEqual(
      ds.problems.map((p) => [p.source, p.kind]),
      [
        ['chexpert', 'bad-label'],
        ['chexpert', 'missing-image'],
      ],
    );
    // train.csv: 5 rows (one lateral filtered), valid.csv: 1
    assert.deepEqual(ds.rows, { total: 6, kept: 3, filtered: 1, dropped: 2 });
  });

  test('an unknown Frontal/Lateral or AP/PA value is reported and skipped', async () => {
    const d = join(dir, 'views');
    mkdirSync(d);
    const header = CHEXPERT_COLUMNS.join(',');
    const blanks = ','.repeat(CHEXPERT_LABELS.length - 1);
    writeFileSync(
      join(d, 'train.csv'),
      [
        header,
        `p/patient1/study1/a.jpg,Male,50,Frontal,AP,1.0${blanks}`,
        `p/patient2/study1/a.jpg,Male,50,Oblique,,1.0${blanks}`,
        `p/patient3/study1/a.jpg,Male,50,Frontal,XX,1.0${blanks}`,
        `p/patient4/study1/a.jpg,Male,50,Frontal,,1.0${blanks}`,
        '',
      ].join('\n'),
    );
    const ds = await loadDataset({ dataset: 'chexpert', dataDir: d, checkImages: false });
    assert.deepEqual(
      ds.records.map((r) => [r.patientId, r.view]),
      [
        ['patient1', 'AP'],
        ['patient4', 'Frontal'],
      ],
    );
    assert.deepEqual(
      ds.problems.map((p) => [p.line, p.field, p.kind]),
      [
        [3, 'Frontal/Lateral', 'unknown-projection'],
        [4, 'AP/PA', 'unknown-projection'],
      ],
    );
  });

  test('valid.csv is the official test list', async () => {
    const ds = await loadDataset({ dataset: 'chexpert', dataDir: dir });
    assert.deepEqual(ds.officialSplit?.test, ['CheXpert-v1.0-small/valid/patient64541/study1/view1_frontal.jpg']);
    assert.equal(ds.officialSplit?.trainVal.length, 2);
  });

  test('lateral images on request; the dataset folder itself also works as dataDir', async () => {
    const ds = await loadDataset({ dataset: 'chexpert', dataDir: root, projections: ['Lateral'] });
    assert.deepEqual(
      ds.records.map((r) => r.path),
      [join(root, 'train/patient00001/study1/view2_lateral.jpg')],
    );
  });

  test('positives per label follow the uncertainty policy', async () => {
    const ds = await loadDataset({ dataset: 'chexpert', dataDir: dir, uncertain: 'zeros' });
    const card = (policy: 'ones' | 'zeros' | 'ignore') => countLabels(ds.records, ds.labelNames, policy)[at('Cardiomegaly')];
    assert.deepEqual(card('ones'), { name: 'Cardiomegaly', positives: 1, uncertain: 1 });
    assert.deepEqual(card('zeros'), { name: 'Cardiomegaly', positives: 0, uncertain: 1 });
    assert.deepEqual(card('ignore'), { name: 'Cardiomegaly', positives: 0, uncertain: 1 });
  });

  test('an unknown policy and a missing train.csv throw', async () => {
    await assert.rejects(loadDataset({ dataset: 'chexpert', dataDir: dir, uncertain: 'maybe' as 'ones' }), {
      name: 'DataArgumentError',
      message: 'loadDataset(uncertain): expected one of ones, zeros, ignore, received "maybe"',
    });
    await assert.rejects(loadDataset({ dataset: 'chexpert', dataDir: join(root, 'train') }), {
      name: 'DataFileError',
      message: /CheXpert-v1\.0-small\/train\.csv: not found; expected train\.csv under /,
    });
  });
});
