import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const { dir, cleanup } = makeTempDir('cli-inspect');
after(cleanup);

function cxr(...args: string[]) {
  return spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

/** PadChest's 36 columns; only the ones the adapter reads get values below. */
const COLUMNS = [
  '',
  'ImageID',
  'ImageDir',
  'StudyDate_DICOM',
  'StudyID',
  'PatientID',
  'PatientBirth',
  'PatientSex_DICOM',
  'ViewPosition_DICOM',
  'Projection',
  'MethodProjection',
  'PixelSpacing_DICOM',
  'Modality_DICOM',
  'Manufacturer_DICOM',
  'PhotometricInterpretation_DICOM',
  'PixelRepresentation_DICOM',
  'PixelAspectRatio_DICOM',
  'SpatialResolution_DICOM',
  'BitsStored_DICOM',
  'WindowCenter_DICOM',
  'WindowWidth_DICOM',
  'Rows_DICOM',
  'Columns_DICOM',
  'XRayTubeCurrent_DICOM',
  'Exposure_DICOM',
  'ExposureInmAs_DICOM',
  'ExposureTime',
  'RelativeXRayExposure_DICOM',
  'ReportID',
  'Report',
  'MethodLabel',
  'Labels',
  'Localizations',
  'LabelsLocalizationsBySentence',
  'labelCUIS',
  'LocalizationsCUIS',
];

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
    assert.match(text.stdout, /problems: 2\n.*:5 \[ImageID\]: image file not found/);
    const strict = cxr('datasets', 'inspect', '--dataset', 'padchest', '--data-dir', dataDir, '--strict');
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /PADCHEST_chest_x_ray_images_labels_160K_01\.02\.19\.csv:6 \[Labels\]: empty or NaN Labels cell/);
  });
});
