/**
 * Writes a phantom plan as PadChest's label CSV: the same 36 columns in the same order, the same
 * value formats (Python-style list strings, 'None' for absent DICOM fields, float birth years,
 * YYYYMMDD dates) and RFC 4180 quoting, so the PadChest adapter reads it unchanged.
 */
import { csvField } from '@cxr/core';
// The 36 columns come from the adapter, so writer and reader share one layout.
import { PADCHEST_COLUMNS } from '../adapters/padchest.ts';
import type { PhantomRow } from './plan.ts';

/** Report phrases (Spanish, lower case and unaccented like PadChest's preprocessed reports). */
const PHRASES: Record<string, (side: number) => string> = {
  cardiomegaly: () => 'cardiomegalia',
  'aortic elongation': () => 'elongacion aortica',
  unchanged: () => 'sin cambios respecto a estudio previo',
  scoliosis: () => 'escoliosis dorsal',
  'costophrenic angle blunting': (s) => `pinzamiento del seno costofrenico ${sideWord(s)}`,
  'air trapping': () => 'signos de atrapamiento aereo, diafragmas aplanados',
  'pleural effusion': (s) => `derrame pleural ${sideWord(s)}`,
  'interstitial pattern': () => 'patron intersticial de predominio basal',
  'vertebral degenerative changes': () => 'cambios degenerativos en columna dorsal, osteofitos',
  'laminar atelectasis': (s) => `atelectasia laminar basal ${sideWord(s)}`,
  'COPD signs': () => 'signos de epoc',
  'chronic changes': () => 'cambios cronicos',
  kyphosis: () => 'cifosis dorsal',
  pseudonodule: () => 'pseudonodulo, probable pezon',
  'hiatal hernia': () => 'hernia de hiato',
};

const LOCALIZATION: Record<string, string[]> = {
  cardiomegaly: ['loc cardiac'],
  'aortic elongation': ['loc aortic'],
  scoliosis: ['loc dorsal vertebrae'],
  'vertebral degenerative changes': ['loc dorsal vertebrae'],
  'costophrenic angle blunting': ['loc costophrenic angle'],
  'pleural effusion': ['loc pleural'],
  'laminar atelectasis': ['loc basal'],
  'interstitial pattern': ['loc basal bilateral'],
};

function sideWord(side: number): string {
  return side < 0 ? 'derecho' : side > 0 ? 'izquierdo' : 'bilateral';
}

/** Python's repr of a list of strings; PadChest puts a space after each comma inside the quotes. */
export function pythonList(items: string[]): string {
  return `[${items.map((s, i) => `'${i === 0 ? s : ` ${s}`}'`).join(', ')}]`;
}

function report(row: PhantomRow): string {
  const labels = row.labels.filter((l) => l !== 'normal');
  if (labels.length === 0) return 'sin hallazgos radiologicos significativos.';
  const parts = labels.map((l) => (PHRASES[l] ?? (() => l))(row.params.findings[l as keyof typeof row.params.findings]?.side ?? 0));
  return `se aprecia ${parts.join(', ')}. resto sin cambios significativos.`;
}

/** The 36 field values of one row, in PADCHEST_COLUMNS order (index = the unnamed first column). */
export function padchestFields(row: PhantomRow, index: number, size: number): (string | number)[] {
  const view = row.projection === 'PA' ? 'POSTEROANTERIOR' : row.projection === 'AP' ? 'ANTEROPOSTERIOR' : 'LATERAL';
  // The phantom's field of view is about 43 cm, like a 17-inch cassette.
  const spacing = (430 / size).toFixed(6);
  const labels = row.labels;
  const locs = labels.flatMap((l) => LOCALIZATION[l] ?? []);
  const bySentence = labels.map((l) => [l, ...(LOCALIZATION[l] ?? [])]);
  const mAs = (2 + 3 * row.params.exposure.gain).toFixed(1);
  return [
    index,
    row.imageId,
    row.imageDir,
    row.studyDate,
    row.studyId,
    row.patientId,
    `${row.birthYear}.0`,
    row.sex,
    view,
    row.projection,
    'Manual review of DICOM fields',
    `['${spacing}' '${spacing}']`,
    'CR',
    'cxr-ablate phantom',
    'MONOCHROME2',
    0,
    'None',
    'None',
    16,
    'None',
    'None',
    size,
    size,
    'None',
    'None',
    mAs,
    'None',
    'None',
    row.reportId,
    report(row),
    row.patientIndex % 4 === 0 ? 'Physician' : 'RNN_model',
    pythonList(labels),
    locs.length ? pythonList(locs) : '[]',
    `[${bySentence.map((s) => pythonList(s)).join(', ')}]`,
    '[]',
    '[]',
  ];
}

/** The whole CSV text: header line, then one line per row, LF line ends. */
export function padchestCsv(rows: PhantomRow[], size: number): string {
  const lines = [PADCHEST_COLUMNS.map(csvField).join(',')];
  rows.forEach((row, i) => lines.push(padchestFields(row, i, size).map(csvField).join(',')));
  return `${lines.join('\n')}\n`;
}
