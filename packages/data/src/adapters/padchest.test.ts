import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { PADCHEST_THESIS_LABELS } from './label-lists.ts';
import { loadDataset } from './load-dataset.ts';
import { PADCHEST_COLUMNS, PADCHEST_CSV_NAME } from './padchest.ts';
import { csvLine, writePadchest, writePadchestQuirks } from './testing/fixtures.ts';

const { dir, cleanup } = makeTempDir('padchest');
after(cleanup);

describe('PadChest adapter', () => {
  const dataDir = join(dir, 'quirks');
  writePadchestQuirks(dataDir);
  const csv = join(dataDir, PADCHEST_CSV_NAME);

  test('keeps PA rows with parsed, trimmed, exactly matched labels', async () => {
    const ds = await loadDataset({ dataset: 'padchest', dataDir });
    assert.deepEqual(ds.labelNames, PADCHEST_THESIS_LABELS);
    assert.deepEqual(
      ds.records.map((r) => r.imageId),
      ['a.png', 'b.png', 'f.png'],
    );
    const vec = (names: string[]) => PADCHEST_THESIS_LABELS.map((l) => (names.includes(l) ? 1 : 0));
    assert.deepEqual(Array.from(ds.records[0]!.labels), vec(['cardiomegaly', 'aortic elongation']));
    // 'supra aortic elongation' is another finding, not 'aortic elongation'
    assert.deepEqual(Array.from(ds.records[1]!.labels), vec([]));
    assert.deepEqual(Array.from(ds.records[2]!.labels), vec(['pleural effusion', 'unchanged']));
    const a = ds.records[0]!;
    assert.equal(a.patientId, 'p1');
    assert.equal(a.studyId, 'study-p1');
    assert.equal(a.studyDate, '2015-06-12');
    assert.equal(a.age, 2015 - 1950);
    assert.equal(a.sex, 'F');
    assert.equal(a.view, 'PA');
    assert.equal(a.path, join(dataDir, '0', 'a.png'));
    assert.equal(ds.records[2]!.path, join(dataDir, '1', 'f.png'), 'ImageDir "1.0" is folder 1');
  });

  test('counts projections before filtering', async () => {
    const ds = await loadDataset({ dataset: 'padchest', dataDir });
    assert.deepEqual(ds.projections, { PA: 8, L: 1, AP_horizontal: 1 });
  });

  test('reports empty, NaN and unparseable labels, duplicates and missing images with their lines', async () => {
    const ds = await loadDataset({ dataset: 'padchest', dataDir });
    assert.deepEqual(
      ds.problems.map((p) => [p.file, p.line, p.field]),
      [
        [csv, 6, 'Labels'],
        [csv, 8, 'ImageID'],
        [csv, 9, 'ImageID'],
        [csv, 10, 'Labels'],
        [csv, 11, 'Labels'],
      ],
    );
    assert.deepEqual(
      ds.problems.map((p) => p.kind),
      ['bad-label', 'missing-image', 'duplicate-id', 'bad-label', 'bad-label'],
    );
    assert.match(ds.problems[0]!.message, /empty or NaN Labels/);
    assert.match(ds.problems[1]!.message, /image file not found: .*g\.png/);
    assert.match(ds.problems[2]!.message, /duplicate ImageID "a\.png" \(first on line 2\)/);
    assert.match(ds.problems[4]!.message, /parsePythonList/);
  });

  test('other projections are configurable', async () => {
    const ds = await loadDataset({ dataset: 'padchest', dataDir, projections: ['L', 'AP_horizontal'] });
    assert.deepEqual(
      ds.records.map((r) => [r.imageId, r.view]),
      [
        ['c.png', 'L'],
        ['d.png', 'AP_horizontal'],
      ],
    );
  });

  test('checkImages false keeps rows whose image is missing', async () => {
    const ds = await loadDataset({ dataset: 'padchest', dataDir, checkImages: false });
    assert.ok(ds.records.some((r) => r.imageId === 'g.png'));
  });

  test('a custom label list is used in order and an absent label is reported', async () => {
    const ds = await loadDataset({ dataset: 'padchest', dataDir, labels: ['unchanged', 'supra aortic elongation', 'pleural efusion'] });
    assert.deepEqual(
      ds.records.map((r) => Array.from(r.labels)),
      [
        [0, 0, 0],
        [0, 1, 0],
        [1, 0, 0],
      ],
    );
    assert.ok(ds.problems.some((p) => p.field === 'Labels' && /"pleural efusion" never appears/.test(p.message)));
  });

  test('strict mode throws at the first problem, naming file, line and field', async () => {
    await assert.rejects(loadDataset({ dataset: 'padchest', dataDir, strict: true }), {
      name: 'DataFileError',
      message: new RegExp(`${PADCHEST_CSV_NAME}:6 \\[Labels\\]: empty or NaN Labels cell; row skipped \\(strict`),
    });
  });

  test('phantom reads the same layout through this adapter', async () => {
    const ds = await loadDataset({ dataset: 'phantom', dataDir });
    assert.equal(ds.dataset, 'phantom');
    assert.equal(ds.records.length, 3);
  });

  test('the fingerprint follows the records and label list, not the directory', async () => {
    const other = join(dir, 'copy');
    writePadchestQuirks(other);
    const a = await loadDataset({ dataset: 'padchest', dataDir });
    const b = await loadDataset({ dataset: 'padchest', dataDir: other });
    const c = await loadDataset({ dataset: 'padchest', dataDir, projections: ['PA', 'L'] });
    assert.match(a.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, c.fingerprint);
  });

  test('a multi-line quoted report keeps later line numbers right, and csvPath overrides the name', async () => {
    const d = join(dir, 'multiline');
    const file = writePadchest(d, [
      { ImageID: 'x.png', PatientID: 'q1', Projection: 'PA', Labels: "['scoliosis']", Report: 'linea uno,\n"dos",\nfin' },
      { ImageID: 'y.png', PatientID: 'q2', Projection: 'PA', Labels: '' },
    ]);
    const renamed = join(d, 'labels.csv');
    writeFileSync(renamed, (await import('node:fs')).readFileSync(file));
    const ds = await loadDataset({ dataset: 'padchest', dataDir: d, csvPath: renamed });
    assert.equal(ds.records.length, 1);
    assert.deepEqual(
      ds.problems.map((p) => [p.file, p.line]),
      [[renamed, 5]],
    );
  });

  test('a row with a broken quote or the wrong field count is reported and skipped', async () => {
    const d = join(dir, 'broken');
    const file = writePadchest(d, [
      { ImageID: 'x.png', PatientID: 'q1', Projection: 'PA', Labels: "['scoliosis']" },
      { ImageID: 'y.png', PatientID: 'q2', Projection: 'PA', Labels: "['scoliosis']" },
    ]);
    const lines = (await import('node:fs')).readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.push('7,z.png,0,20150101,s,p,1950,M,PA,PA,x,y"broken,CR');
    lines.push(csvLine(['8', 'w.png', '0']));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const ds = await loadDataset({ dataset: 'padchest', dataDir: d });
    assert.deepEqual(
      ds.records.map((r) => r.imageId),
      ['x.png', 'y.png'],
    );
    assert.deepEqual(
      ds.problems.map((p) => p.line),
      [4, 5],
    );
    assert.deepEqual(
      ds.problems.map((p) => [p.source, p.kind, p.field]),
      [
        ['padchest', 'malformed-row', 'PixelSpacing_DICOM'],
        ['padchest', 'short-row', undefined],
      ],
    );
    assert.match(ds.problems[0]!.message, /a quote inside the unquoted field "y\\"broken"/);
    assert.match(ds.problems[1]!.message, /expected 36 fields as in the header, found 3/);
  });

  test('an unbalanced quote on line 6 loses only line 6 (issue 13: it used to swallow the rows up to the next quote)', async () => {
    const d = join(dir, 'unbalanced');
    const ids = ['r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10'];
    const file = writePadchest(
      d,
      ids.map((id, i) => ({
        ImageID: `${id}.png`,
        PatientID: `q${i}`,
        Projection: 'PA',
        Labels: "['scoliosis']",
        Report: id === 'r9' ? 'con "comillas", dobles' : 'sin hallazgos',
      })),
    );
    const lines = (await import('node:fs')).readFileSync(file, 'utf8').split('\n');
    lines[5] = lines[5]!.replace(',sin hallazgos,', ',"sin hallazgos,');
    writeFileSync(file, lines.join('\n'));
    const ds = await loadDataset({ dataset: 'padchest', dataDir: d });
    assert.deepEqual(
      ds.records.map((r) => r.imageId),
      ids.filter((id) => id !== 'r6').map((id) => `${id}.png`),
    );
    assert.deepEqual(
      ds.problems.map((p) => [p.line, p.field, p.kind]),
      [[6, 'Report', 'malformed-row']],
    );
    // csv-parse read on to the next quote (line 7's PixelSpacing cell), dropped lines 6 and 7 and
    // reported line 7.
    assert.match(ds.problems[0]!.message, /^unbalanced quote: the quoted field opened on line 6 closes on line 7, followed by/);
    assert.deepEqual(ds.rows, { total: 9, kept: 8, filtered: 0, dropped: 1 });
  });

  test('an unknown projection is reported and skipped, whatever the view filter', async () => {
    const d = join(dir, 'projection');
    writePadchest(d, [
      { ImageID: 'x.png', PatientID: 'q1', Projection: 'PA', Labels: "['scoliosis']" },
      { ImageID: 'y.png', PatientID: 'q2', Projection: 'XYZ', Labels: "['scoliosis']" },
      { ImageID: 'z.png', PatientID: 'q3', Projection: 'L', Labels: "['scoliosis']" },
    ]);
    const ds = await loadDataset({ dataset: 'padchest', dataDir: d });
    assert.deepEqual(
      ds.records.map((r) => r.imageId),
      ['x.png'],
    );
    assert.deepEqual(
      ds.problems.map((p) => [p.line, p.field, p.kind]),
      [[3, 'Projection', 'unknown-projection']],
    );
    assert.match(ds.problems[0]!.message, /unknown view "XYZ"; expected one of PA, L, AP/);
    assert.deepEqual(ds.projections, { PA: 1, XYZ: 1, L: 1 });
    assert.deepEqual(ds.rows, { total: 3, kept: 1, filtered: 1, dropped: 1 });
  });

  test('a missing required column throws naming file, line 1 and the column', async () => {
    const d = join(dir, 'nolabels');
    writeFileSync(join(d + '.csv'), `${csvLine(PADCHEST_COLUMNS.filter((c) => c !== 'Labels'))}\n`);
    await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: dir, csvPath: `${d}.csv` }), {
      name: 'DataFileError',
      message: /nolabels\.csv:1 \[Labels\]: missing required column "Labels"/,
    });
  });

  test('a semicolon-separated file throws naming the delimiter', async () => {
    const file = join(dir, 'semi.csv');
    writeFileSync(file, `${PADCHEST_COLUMNS.join(';')}\n0;a.png;0\n`);
    await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: dir, csvPath: file }), {
      name: 'DataFileError',
      message: /semi\.csv:1: expected comma-separated columns, but the header has one column and looks semicolon-separated/,
    });
  });

  test('an unknown column is reported; an absent CSV and an empty file throw', async () => {
    const file = join(dir, 'extra.csv');
    writeFileSync(file, `${csvLine([...PADCHEST_COLUMNS, 'Extra'])}\n`);
    const ds = await loadDataset({ dataset: 'padchest', dataDir: dir, csvPath: file });
    assert.deepEqual(ds.problems, [
      { source: 'padchest', kind: 'unknown-column', file, line: 1, field: 'Extra', message: 'unknown column "Extra"' },
    ]);
    await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: join(dir, 'broken', '0') }), {
      name: 'DataFileError',
      message: new RegExp(`${PADCHEST_CSV_NAME}: cannot read the file \\(ENOENT\\)`),
    });
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: dir, csvPath: empty }), {
      message: /empty\.csv:1: the file is empty; expected a header row/,
    });
  });
});
