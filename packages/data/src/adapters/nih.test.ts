import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { NIH_LABELS } from './label-lists.ts';
import { loadDataset } from './load-dataset.ts';
import { writeNihQuirks } from './testing/fixtures.ts';

const { dir, cleanup } = makeTempDir('nih');
after(cleanup);

describe('NIH ChestX-ray14 adapter', () => {
  const dataDir = join(dir, 'quirks');
  writeNihQuirks(dataDir);
  const csv = join(dataDir, 'Data_Entry_2017.csv');
  const vec = (names: string[]) => NIH_LABELS.map((l) => (names.includes(l) ? 1 : 0));

  test('reads the trailing-comma layout, all views, "|"-joined findings and No Finding', async () => {
    const ds = await loadDataset({ dataset: 'nih', dataDir });
    assert.deepEqual(ds.labelNames, NIH_LABELS);
    assert.deepEqual(
      ds.records.map((r) => [r.imageId, r.patientId, r.view]),
      [
        ['00000001_000.png', '1', 'PA'],
        ['00000001_001.png', '1', 'AP'],
        ['00000002_000.png', '2', 'PA'],
        ['00000005_000.png', '5', 'AP'],
      ],
    );
    assert.deepEqual(
      ds.records.map((r) => Array.from(r.labels)),
      [vec(['Cardiomegaly', 'Effusion']), vec([]), vec(['Hernia']), vec(['Mass', 'Nodule'])],
    );
    assert.equal(ds.records[0]!.age, 58);
    assert.equal(ds.records[2]!.age, 45, "'045Y' is 45 years");
    assert.equal(ds.records[0]!.sex, 'M');
    assert.equal(ds.records[1]!.studyId, '1/1');
    assert.equal(ds.records[0]!.path, join(dataDir, 'images', '00000001_000.png'));
    assert.deepEqual(ds.projections, { PA: 4, AP: 2 });
  });

  test('reports a missing image and an unknown finding with their lines; no unknown-column noise', async () => {
    const ds = await loadDataset({ dataset: 'nih', dataDir });
    assert.deepEqual(
      ds.problems.map((p) => [p.file, p.line, p.field]),
      [
        [csv, 5, 'Image Index'],
        [csv, 6, 'Finding Labels'],
      ],
    );
    assert.match(ds.problems[1]!.message, /unknown finding "Efusion"/);
    assert.deepEqual(
      ds.problems.map((p) => [p.source, p.kind]),
      [
        ['nih', 'missing-image'],
        ['nih', 'bad-label'],
      ],
    );
    assert.deepEqual(ds.rows, { total: 6, kept: 4, filtered: 0, dropped: 2 });
  });

  test('a View Position other than PA/AP, a CRLF file and a short row are reported with their lines', async () => {
    const d = join(dir, 'views');
    mkdirSync(d);
    writeFileSync(
      join(d, 'Data_Entry_2017.csv'),
      'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],\r\n' +
        'a.png,Hernia,0,9,50,F,PA,1,1,0.1,0.1,\r\n' +
        'b.png,Hernia,0,9,50,F,LL,1,1,0.1,0.1,\r\n' +
        'c.png,Hernia,0,9\r\n',
    );
    const ds = await loadDataset({ dataset: 'nih', dataDir: d, checkImages: false });
    assert.deepEqual(
      ds.records.map((r) => [r.imageId, r.view]),
      [['a.png', 'PA']],
    );
    assert.deepEqual(
      ds.problems.map((p) => [p.line, p.field, p.kind]),
      [
        [3, 'View Position', 'unknown-projection'],
        [4, undefined, 'short-row'],
      ],
    );
    assert.match(ds.problems[1]!.message, /expected 11 to 12 fields as in the header, found 4/);
  });

  test('the official lists become the official split, restricted to kept records', async () => {
    const ds = await loadDataset({ dataset: 'nih', dataDir });
    assert.deepEqual(ds.officialSplit, {
      trainVal: ['00000001_000.png', '00000002_000.png', '00000005_000.png'],
      test: ['00000001_001.png'],
    });
  });

  test('a view filter and a No Finding label work', async () => {
    const ds = await loadDataset({ dataset: 'nih', dataDir, projections: ['AP'], labels: ['No Finding', 'Mass'] });
    assert.deepEqual(
      ds.records.map((r) => [r.imageId, ...r.labels]),
      [
        ['00000001_001.png', 1, 0],
        ['00000005_000.png', 0, 1],
      ],
    );
  });

  test('finds images in the images_NNN/images folders of the split download', async () => {
    const d = join(dir, 'parts');
    writeNihQuirks(d);
    mkdirSync(join(d, 'images_001'));
    renameSync(join(d, 'images'), join(d, 'images_001', 'images'));
    const ds = await loadDataset({ dataset: 'nih', dataDir: d });
    assert.equal(ds.records.length, 4);
    assert.equal(ds.records[0]!.path, join(d, 'images_001', 'images', '00000001_000.png'));
  });

  test('without test_list.txt there is no official split', async () => {
    const d = join(dir, 'nolists');
    writeNihQuirks(d);
    rmSync(join(d, 'test_list.txt'));
    assert.equal((await loadDataset({ dataset: 'nih', dataDir: d })).officialSplit, undefined);
  });

  test('a label outside the 14 findings and a view NIH lacks are argument errors', async () => {
    await assert.rejects(loadDataset({ dataset: 'nih', dataDir, labels: ['Pleural Thickening'] }), {
      name: 'DataArgumentError',
      message: /^loadDataset\(labels\): expected names from \[Atelectasis, .*Pleural_Thickening.*\], received "Pleural Thickening"$/,
    });
    await assert.rejects(loadDataset({ dataset: 'nih', dataDir, projections: ['L'] }), {
      message: /^loadDataset\(projections\): expected names from \[PA, AP\], received "L"$/,
    });
  });

  test('two broken lines never merge into one row (found by fuzz case 30: an open quote closed by the next line)', async () => {
    const d = join(dir, 'merge');
    mkdirSync(d);
    writeFileSync(
      join(d, 'Data_Entry_2017.csv'),
      [
        'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],',
        'a.png,Hernia,0,1,50,F,PA,2500,2048,0.143,"0.143,',
        'b.png,Hernia,0,2,50,F,AP,2500,2048,0.143,0.143,", x',
        'c.png,Hernia,0,3,50,F,PA,2500,2048,0.143,0.143,',
        '',
      ].join('\n'),
    );
    // The quote opened on line 2 closes on line 3 with exactly 12 fields; it used to be one row.
    const ds = await loadDataset({ dataset: 'nih', dataDir: d, checkImages: false });
    assert.deepEqual(
      ds.records.map((r) => r.imageId),
      ['c.png'],
    );
    assert.deepEqual(
      ds.problems.map((p) => [p.line, p.field, p.kind]),
      [
        [2, 'y]', 'malformed-row'],
        [3, 'column 12', 'malformed-row'],
      ],
    );
    assert.match(ds.problems[0]!.message, /opened on line 2 runs on to line 3, but "y]" is no free-text column/);
  });

  test('a malformed age is reported and left out', async () => {
    const d = join(dir, 'age');
    mkdirSync(d);
    writeFileSync(
      join(d, 'Data_Entry_2017.csv'),
      'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],\n' +
        'a.png,Hernia,0,9,old,F,PA,1,1,0.1,0.1,\n',
    );
    const ds = await loadDataset({ dataset: 'nih', dataDir: d, checkImages: false });
    assert.equal(ds.records[0]!.age, undefined);
    assert.deepEqual(
      ds.problems.map((p) => [p.line, p.field, p.kind]),
      [[2, 'Patient Age', 'bad-value']],
    );
  });
});
