/**
 * Small datasets in the published layouts, with each dataset's quirks, for the adapter tests. Every
 * writer documents what its rows contain so the tests can state the expected outcome.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encode } from 'fast-png';
import { PADCHEST_COLUMNS, PADCHEST_CSV_NAME } from '../padchest.ts';

/** A tiny 16-bit grayscale PNG like PadChest's. */
export function writePng16(path: string, size = 8): void {
  mkdirSync(dirname(path), { recursive: true });
  const data = new Uint16Array(size * size).map((_, i) => (i * 997) % 65536);
  writeFileSync(path, encode({ width: size, height: size, data, depth: 16, channels: 1 }));
}

/** One CSV line: fields with commas, quotes or newlines are quoted, quotes doubled (RFC 4180). */
export function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

/** A PadChest row from the columns that matter; the other DICOM columns get plausible values. */
export interface PadchestRow {
  ImageID: string;
  ImageDir?: string;
  PatientID: string;
  StudyID?: string;
  StudyDate_DICOM?: string;
  PatientBirth?: string;
  PatientSex_DICOM?: string;
  Projection: string;
  Report?: string;
  Labels: string;
  /** Write the image file (default true). */
  image?: boolean;
}

/** Writes PADCHEST_CSV_NAME with all 36 columns and the rows' PNGs under dataDir/ImageDir/. */
export function writePadchest(dataDir: string, rows: PadchestRow[]): string {
  const lines = [csvLine(PADCHEST_COLUMNS)];
  rows.forEach((r, i) => {
    const dir = r.ImageDir ?? '0';
    const values: Record<string, string> = {
      '': String(i),
      ImageID: r.ImageID,
      ImageDir: dir,
      StudyDate_DICOM: r.StudyDate_DICOM ?? '20150612',
      StudyID: r.StudyID ?? `study-${r.PatientID}`,
      PatientID: r.PatientID,
      PatientBirth: r.PatientBirth ?? '1950.0',
      PatientSex_DICOM: r.PatientSex_DICOM ?? 'F',
      ViewPosition_DICOM: r.Projection === 'L' ? 'LATERAL' : 'POSTEROANTERIOR',
      Projection: r.Projection,
      MethodProjection: 'Manual review of DICOM fields',
      PixelSpacing_DICOM: "['0.139', '0.139']",
      Modality_DICOM: 'CR',
      Report: r.Report ?? 'sin hallazgos, "normal".',
      MethodLabel: 'Physician',
      Labels: r.Labels,
      Localizations: '[]',
    };
    lines.push(csvLine(PADCHEST_COLUMNS.map((c) => values[c] ?? '')));
    // pandas may write the folder as "1.0"; the files live in "1".
    if (r.image !== false) writePng16(join(dataDir, dir.replace(/\.0+$/, ''), r.ImageID));
  });
  const file = join(dataDir, PADCHEST_CSV_NAME);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * The PadChest quirk fixture. Lines (header = 1):
 * 2 a.png PA p1 ['cardiomegaly', ' aortic elongation'], report with commas and quotes -> kept
 * 3 b.png PA p2 ['supra aortic elongation'] -> kept, all zero (no partial match)
 * 4 c.png L p3 -> filtered (lateral)
 * 5 d.png AP_horizontal p4 (portable) -> filtered
 * 6 e.png PA p5 Labels '' -> problem (empty)
 * 7 f.png PA p1 [' pleural effusion', '', 'unchanged '] in folder "1.0" -> kept (padded, empty item)
 * 8 g.png PA p6 image missing -> problem
 * 9 a.png PA p7 duplicate ImageID -> problem
 * 10 h.png PA p8 Labels 'nan' -> problem
 * 11 i.png PA p9 Labels '[cardiomegaly' -> problem (unparseable)
 */
export function writePadchestQuirks(dataDir: string): string {
  return writePadchest(dataDir, [
    {
      ImageID: 'a.png',
      PatientID: 'p1',
      Projection: 'PA',
      Labels: "['cardiomegaly', ' aortic elongation']",
      Report: 'cardiomegalia, elongacion "aortica", sin derrame.',
    },
    { ImageID: 'b.png', PatientID: 'p2', Projection: 'PA', Labels: "['supra aortic elongation']" },
    { ImageID: 'c.png', PatientID: 'p3', Projection: 'L', Labels: "['scoliosis']" },
    { ImageID: 'd.png', PatientID: 'p4', Projection: 'AP_horizontal', Labels: "['pleural effusion']" },
    { ImageID: 'e.png', PatientID: 'p5', Projection: 'PA', Labels: '' },
    { ImageID: 'f.png', ImageDir: '1.0', PatientID: 'p1', Projection: 'PA', Labels: "[' pleural effusion', '', 'unchanged ']" },
    { ImageID: 'g.png', PatientID: 'p6', Projection: 'PA', Labels: "['scoliosis']", image: false },
    { ImageID: 'a.png', PatientID: 'p7', Projection: 'PA', Labels: "['scoliosis']" },
    { ImageID: 'h.png', PatientID: 'p8', Projection: 'PA', Labels: 'nan' },
    { ImageID: 'i.png', PatientID: 'p9', Projection: 'PA', Labels: '[cardiomegaly' },
  ]);
}

/**
 * The NIH quirk fixture: Data_Entry_2017.csv with the published header (trailing comma, bracketed
 * names split by their commas) and rows ending in a comma; images/ holds the PNGs. Lines:
 * 2 00000001_000.png Cardiomegaly|Effusion PA patient 1 -> kept
 * 3 00000001_001.png No Finding AP patient 1 -> kept (in test_list.txt)
 * 4 00000002_000.png Hernia PA, age '045Y' -> kept
 * 5 00000003_000.png Effusion PA image missing -> problem
 * 6 00000004_000.png Efusion (unknown) -> problem
 * 7 00000005_000.png Mass|Nodule AP, row without the trailing comma -> kept
 */
export function writeNihQuirks(dataDir: string): void {
  mkdirSync(join(dataDir, 'images'), { recursive: true });
  const header =
    'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],';
  const rows: [string, string, string, string, string, string, string, boolean][] = [
    ['00000001_000.png', 'Cardiomegaly|Effusion', '0', '1', '58', 'M', 'PA', true],
    ['00000001_001.png', 'No Finding', '1', '1', '58', 'M', 'AP', true],
    ['00000002_000.png', 'Hernia', '0', '2', '045Y', 'F', 'PA', true],
    ['00000003_000.png', 'Effusion', '0', '3', '70', 'F', 'PA', false],
    ['00000004_000.png', 'Efusion', '0', '4', '33', 'M', 'PA', true],
    ['00000005_000.png', 'Mass|Nodule', '0', '5', '61', 'F', 'AP', true],
  ];
  const lines = [header];
  for (const [name, findings, follow, patient, age, sex, view, image] of rows) {
    const line = `${name},${findings},${follow},${patient},${age},${sex},${view},2500,2048,0.143,0.143`;
    lines.push(name.startsWith('00000005') ? line : `${line},`);
    if (image) writePng16(join(dataDir, 'images', name));
  }
  writeFileSync(join(dataDir, 'Data_Entry_2017.csv'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dataDir, 'train_val_list.txt'),
    '00000001_000.png\n00000002_000.png\n00000003_000.png\n00000004_000.png\n00000005_000.png\n',
  );
  writeFileSync(join(dataDir, 'test_list.txt'), '00000001_001.png\n');
}

/**
 * The CheXpert quirk fixture under dataDir/CheXpert-v1.0-small/ (images are placeholder bytes; the
 * adapter never decodes them). train.csv lines:
 * 2 patient00001/study1/view1_frontal.jpg Frontal AP, Cardiomegaly -1.0, Edema 1.0, rest blank -> kept
 * 3 patient00001/study1/view2_lateral.jpg Lateral -> filtered
 * 4 patient00002/study1/view1_frontal.jpg Frontal PA, No Finding 1.0, Fracture 0.0 -> kept
 * 5 patient00003/study1/view1_frontal.jpg Frontal AP, Edema '2.0' -> problem
 * 6 patient00004/study1/view1_frontal.jpg Frontal AP, image missing -> problem
 * valid.csv line 2: patient64541/study1/view1_frontal.jpg Frontal AP, Pleural Effusion 1.0 -> kept
 */
export function writeChexpertQuirks(dataDir: string): void {
  const root = join(dataDir, 'CheXpert-v1.0-small');
  const columns = [
    'Path',
    'Sex',
    'Age',
    'Frontal/Lateral',
    'AP/PA',
    'No Finding',
    'Enlarged Cardiomediastinum',
    'Cardiomegaly',
    'Lung Opacity',
    'Lung Lesion',
    'Edema',
    'Consolidation',
    'Pneumonia',
    'Atelectasis',
    'Pneumothorax',
    'Pleural Effusion',
    'Pleural Other',
    'Fracture',
    'Support Devices',
  ];
  const row = (
    split: string,
    rel: string,
    sex: string,
    age: string,
    fl: string,
    ap: string,
    values: Record<string, string>,
    image = true,
  ): string => {
    const path = `CheXpert-v1.0-small/${split}/${rel}`;
    if (image) {
      mkdirSync(dirname(join(dataDir, path)), { recursive: true });
      writeFileSync(join(dataDir, path), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    }
    return csvLine([path, sex, age, fl, ap, ...columns.slice(5).map((c) => values[c] ?? '')]);
  };
  mkdirSync(root, { recursive: true });
  const train = [
    csvLine(columns),
    row('train', 'patient00001/study1/view1_frontal.jpg', 'Female', '68', 'Frontal', 'AP', { Cardiomegaly: '-1.0', Edema: '1.0' }),
    row('train', 'patient00001/study1/view2_lateral.jpg', 'Female', '68', 'Lateral', '', { Cardiomegaly: '1.0' }),
    row('train', 'patient00002/study1/view1_frontal.jpg', 'Male', '87', 'Frontal', 'PA', { 'No Finding': '1.0', Fracture: '0.0' }),
    row('train', 'patient00003/study1/view1_frontal.jpg', 'Male', '40', 'Frontal', 'AP', { Edema: '2.0' }),
    row('train', 'patient00004/study1/view1_frontal.jpg', 'Unknown', '55', 'Frontal', 'AP', { Edema: '1.0' }, false),
  ];
  writeFileSync(join(root, 'train.csv'), `${train.join('\n')}\n`);
  const valid = [
    csvLine(columns),
    row('valid', 'patient64541/study1/view1_frontal.jpg', 'Male', '73', 'Frontal', 'AP', { 'Pleural Effusion': '1.0' }),
  ];
  writeFileSync(join(root, 'valid.csv'), `${valid.join('\n')}\n`);
}
