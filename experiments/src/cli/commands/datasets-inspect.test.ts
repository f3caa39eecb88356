import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encode } from 'fast-png';
import { PADCHEST_COLUMNS } from '@cxr/data';
import { makeTempDir } from '@cxr/testkit';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const { dir, cleanup } = makeTempDir('cli-inspect');
after(cleanup);

function cxr(...args: string[]) {
  return spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

/** PadChest's 36 columns (the adapter's list); only the ones the adapter reads get values below. */
const COLUMNS = PADCHEST_COLUMNS;

/**
 * Lines: 2 a.png PA p1 cardiomegaly + aortic elongation (report with quoted commas); 3 b.png PA p1
 * cardiomegaly; 4 c.png L p2 (filtered); 5 d.png PA p3 image missing; 6 e.png PA p4 NaN labels.
 */
function writeFixture(dataDir: string): void {
  const rows = [
    ['a.png', 'p1', 'PA', "['cardiomegaly', ' aortic elongation']", '"cardiomegalia, elongacion ""aortica"""', true],
    ['b.png', 'p1', 'PA', "['cardiomegaly']", 'normal', true],
    ['c.png', 'p2', 'L', "['scoliosis']", 'normal', true],
    ['d.png', 'p3', 'PA', "['scoliosis']", 'normal', false],
    ['e.png', 'p4', 'PA', 'nan', 'normal', true],
  ] as const;
  const lines = [COLUMNS.join(',')];
  mkdirSync(join(dataDir, '0'), { recursive: true });
  rows.forEach(([id, patient, view, labels, report, image], i) => {
    const v: Record<string, string> = {
      '': String(i),
      ImageID: id,
      ImageDir: '0',
      StudyDate_DICOM: '20150101',
      StudyID: `s-${id}`,
      PatientID: patient,
      PatientBirth: '1940.0',
      PatientSex_DICOM: 'M',
      Projection: view,
      Report: report,
      Labels: `"${labels}"`,
    };
    lines.push(COLUMNS.map((c) => v[c] ?? '').join(','));
    // inspect never decodes pixels, so any bytes stand in for the PNG
    if (image) writeFileSync(join(dataDir, '0', id), 'png');
  });
  writeFileSync(join(dataDir, 'PADCHEST_chest_x_ray_images_labels_160K_01.02.19.csv'), `${lines.join('\n')}\n`);
}

describe('cxr datasets inspect', () => {
  const dataDir = join(dir, 'padchest');
  writeFixture(dataDir);
  const csv = join(dataDir, 'PADCHEST_chest_x_ray_images_labels_160K_01.02.19.csv');

  test('--json prints images, patients, labels, projections and problems', () => {
    const r = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', dataDir, '--json');
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.images, 2);
    assert.equal(s.patients, 1);
    assert.deepEqual(s.labels.slice(0, 3), [
      { name: 'cardiomegaly', positives: 2, uncertain: 0 },
      { name: 'aortic elongation', positives: 1, uncertain: 0 },
      { name: 'unchanged', positives: 0, uncertain: 0 },
    ]);
    assert.equal(s.labels.length, 10);
    assert.deepEqual(s.projections, { PA: 4, L: 1 });
    assert.deepEqual(
      s.problems.map((p: { file: string; line: number; field: string }) => [p.file, p.line, p.field]),
      [
        [csv, 5, 'ImageID'],
        [csv, 6, 'Labels'],
      ],
    );
    assert.match(s.fingerprint, /^[0-9a-f]{64}$/);
  });

  test('text output lists counts and problems; --strict fails naming file, line and field', () => {
    const text = cxr('datasets', 'inspect', '--dataset', 'phantom', '--data-dir', dataDir);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /kept 2 images of 1 patients/);
    assert.match(text.stdout, /views before filtering: PA 4, L 1/);
    assert.match(text.stdout, /cardiomegaly +2 +100\.0 %/);
    assert.match(text.stdout, /problems: 2 \(1 bad-label, 1 missing-image\)\n  missing-image +\/.*:5 \[ImageID\]: image file not found/);
    const strict = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', dataDir, '--strict');
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /PADCHEST_chest_x_ray_images_labels_160K_01\.02\.19\.csv:6 \[Labels\]: empty or NaN Labels cell/);
  });

  test('--strict on an unbalanced quote fails with one clean line, no stack trace (issue 13)', () => {
    const d = join(dir, 'quote');
    writeFixture(d);
    const file = join(d, 'PADCHEST_chest_x_ray_images_labels_160K_01.02.19.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2]!.replace(',normal,', ',"normal,');
    writeFileSync(file, lines.join('\n'));
    const loose = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', d, '--json');
    assert.equal(loose.status, 0, loose.stderr);
    const s = JSON.parse(loose.stdout);
    assert.deepEqual(
      s.problems.map((p: { line: number; field: string; kind: string; source: string }) => [p.line, p.field, p.kind, p.source]),
      [
        [3, 'Report', 'malformed-row', 'padchest'],
        [5, 'ImageID', 'missing-image', 'padchest'],
        [6, 'Labels', 'bad-label', 'padchest'],
      ],
    );
    assert.deepEqual(s.rows, { total: 5, kept: 1, filtered: 1, dropped: 3 });
    const strict = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', d, '--strict');
    assert.equal(strict.status, 1);
    assert.equal(strict.stdout, '');
    assert.match(strict.stderr, /^cxr: .*PADCHEST_chest_x_ray_images_labels_160K_01\.02\.19\.csv:3 \[Report\]: unbalanced quote: /);
    assert.equal(strict.stderr.trimEnd().split('\n').length, 1, strict.stderr);
    assert.doesNotMatch(strict.stderr, /\n\s+at /);
  });

  test('--decode decodes every kept image and lists each unusable one; --strict then exits 1', () => {
    const d = join(dir, 'decode');
    writeFixture(d);
    // a.png decodes, b.png is empty; the fixture's other bytes ('png') are not an image.
    writeFileSync(join(d, '0', 'a.png'), encode({ width: 8, height: 8, data: new Uint8Array(64).fill(7), depth: 8, channels: 1 }));
    writeFileSync(join(d, '0', 'b.png'), '');
    const plain = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', d, '--json');
    assert.equal(JSON.parse(plain.stdout).decoded, null, 'no decoding without --decode');
    const r = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', d, '--decode', '--json');
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual(s.decoded, { images: 2, bad: 1 });
    const image = s.problems.filter((p: { source: string }) => p.source === 'image');
    assert.deepEqual(image, [{ source: 'image', kind: 'empty-image', file: join(d, '0', 'b.png'), message: 'empty image file (0 bytes)' }]);
    assert.deepEqual(s.problemKinds, { 'bad-label': 1, 'empty-image': 1, 'missing-image': 1 });
    const text = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', d, '--decode');
    assert.match(text.stdout, /decoded 2 images: 1 cannot be used/);
    assert.match(text.stdout, /empty-image +\/.*0\/b\.png: empty image file \(0 bytes\)/);
    assert.match(text.stderr, /decoding images 2\/2/);
    const strict = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', d, '--decode', '--strict', '--check-images', 'false');
    // --strict stops at the CSV's first problem (the NaN labels on line 6) before decoding anything
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /csv:6 \[Labels\]/);
    const clean = join(dir, 'decode-clean');
    writeFixture(clean);
    const file = join(clean, 'PADCHEST_chest_x_ray_images_labels_160K_01.02.19.csv');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(0, 4).join('\n') + '\n');
    const bad = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', clean, '--decode', '--strict');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /cxr: 2 of 2 images cannot be used \(2 bad-image\):\n  .*0\/a\.png: cannot decode image/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
  });
});
