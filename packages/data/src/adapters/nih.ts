import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedDataset } from '../records.ts';
import { bump, finishDataset, isMissing, knownView, type AdapterOptions, type Candidate } from './finish-dataset.ts';
import { NIH_LABELS, NIH_VIEWS } from './label-lists.ts';
import { readCsv } from './read-csv.ts';

/** ChestX-ray14's metadata file (Wang et al. 2017). */
export const NIH_CSV_NAME = 'Data_Entry_2017.csv';

/**
 * Data_Entry_2017.csv's header as a CSV reader splits it: the unquoted 'OriginalImage[Width,Height]'
 * and 'OriginalImagePixelSpacing[x,y]' become two columns each, and the trailing comma adds an
 * empty last one.
 */
export const NIH_COLUMNS: string[] = [
  'Image Index',
  'Finding Labels',
  'Follow-up #',
  'Patient ID',
  'Patient Age',
  'Patient Gender',
  'View Position',
  'OriginalImage[Width',
  'Height]',
  'OriginalImagePixelSpacing[x',
  'y]',
  '',
];

const REQUIRED = ['Image Index', 'Finding Labels', 'Patient ID', 'View Position'];
const NO_FINDING = 'No Finding';

/**
 * Reads ChestX-ray14's published layout: Data_Entry_2017.csv (or opts.csvPath), images under
 * dataDir/images/ (or the images_NNN/images/ folders of the split download), and the official
 * train_val_list.txt / test_list.txt when present. 'Finding Labels' is split on '|'; 'No Finding'
 * is all-negative (or positive for a 'No Finding' label when the list asks for one). A View Position
 * other than PA/AP is reported and skipped. A row naming a
 * finding outside the 14 (and No Finding), a duplicate Image Index, an empty id or a missing image
 * is skipped and reported.
 *
 * Throws DataFileError when the CSV is unreadable, not comma-separated or lacks a required column.
 */
export async function loadNih(opts: AdapterOptions): Promise<LoadedDataset> {
  const file = opts.csvPath ?? join(opts.dataDir, NIH_CSV_NAME);
  const { log } = opts;
  const vocabulary = new Set([...NIH_LABELS, NO_FINDING]);
  const labelIndex = new Map(opts.labels.map((name, i) => [name, i]));
  const keepViews = new Set(opts.projections);
  const imageDirOf = await imageLocator(opts.dataDir);
  const projections: Record<string, number> = {};
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  let filtered = 0;
  const { rows } = await readCsv(file, { required: REQUIRED, known: NIH_COLUMNS }, log, ({ line, fields }, col) => {
    const cell = (name: string): string | undefined => {
      const i = col.get(name);
      return i === undefined ? undefined : fields[i];
    };
    const view = (cell('View Position') ?? '').trim();
    bump(projections, view);
    if (!knownView(view, NIH_VIEWS, log, { file, line, field: 'View Position' })) return;
    if (!keepViews.has(view)) {
      filtered++;
      return;
    }
    for (const field of ['Image Index', 'Patient ID', 'Finding Labels']) {
      if (isMissing(cell(field))) {
        log.add({
          file,
          line,
          field,
          kind: field === 'Finding Labels' ? 'bad-label' : 'missing-field',
          message: `empty ${field}; row skipped`,
        });
        return;
      }
    }
    const imageId = cell('Image Index')!.trim();
    const first = seen.get(imageId);
    if (first !== undefined) {
      log.add({
        file,
        line,
        field: 'Image Index',
        kind: 'duplicate-id',
        message: `duplicate Image Index ${JSON.stringify(imageId)} (first on line ${first}); row skipped`,
      });
      return;
    }
    seen.set(imageId, line);
    const findings = cell('Finding Labels')!
      .split('|')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const unknown = findings.filter((f) => !vocabulary.has(f));
    if (unknown.length > 0) {
      log.add({
        file,
        line,
        field: 'Finding Labels',
        kind: 'bad-label',
        message: `unknown finding ${unknown.map((u) => JSON.stringify(u)).join(', ')}; row skipped`,
      });
      return;
    }
    const labels = new Float32Array(opts.labels.length);
    for (const f of findings) {
      const j = labelIndex.get(f);
      if (j !== undefined) labels[j] = 1;
    }
    const patientId = cell('Patient ID')!.trim();
    const record: Candidate['record'] = { imageId, patientId, view, path: join(imageDirOf(imageId), imageId), labels };
    const followUp = cell('Follow-up #');
    if (!isMissing(followUp)) record.studyId = `${patientId}/${followUp!.trim()}`;
    const sex = cell('Patient Gender');
    if (!isMissing(sex)) record.sex = sex!.trim();
    const ageCell = cell('Patient Age');
    if (!isMissing(ageCell)) {
      const age = parseAge(ageCell!);
      if (age === undefined)
        log.add({
          file,
          line,
          field: 'Patient Age',
          kind: 'bad-value',
          message: `expected years like 58 or 058Y, found ${JSON.stringify(ageCell)}; age left out`,
        });
      else record.age = age;
    }
    candidates.push({ record, file, line, field: 'Image Index' });
  });
  const trainVal = await readList(join(opts.dataDir, 'train_val_list.txt'));
  const test = await readList(join(opts.dataDir, 'test_list.txt'));
  return finishDataset(opts, candidates, projections, { total: rows, filtered }, test ? { trainVal: trainVal ?? [], test } : undefined);
}

/** '58' -> 58, '058Y' -> 58, '006M' -> 0.5, '030D' -> ~0.08 (the first release wrote units). */
function parseAge(cell: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([YMD])?$/i.exec(cell.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'Y').toUpperCase();
  return unit === 'Y' ? n : unit === 'M' ? n / 12 : n / 365;
}

/** One image name per line; undefined when the file is absent. */
async function readList(file: string): Promise<string[] | undefined> {
  if (!existsSync(file)) return undefined;
  return (await readFile(file, 'utf8'))
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Where an image lives: dataDir/images/ when that folder exists, otherwise the images_NNN/images/
 * folder that holds it (the layout of the twelve-archive download once unpacked side by side).
 */
async function imageLocator(dataDir: string): Promise<(name: string) => string> {
  const flat = join(dataDir, 'images');
  if (existsSync(flat)) return () => flat;
  let parts: string[] = [];
  try {
    parts = (await readdir(dataDir)).filter((d) => /^images_\d+$/.test(d)).sort();
  } catch {
    return () => flat;
  }
  const where = new Map<string, string>();
  for (const part of parts) {
    const dir = join(dataDir, part, 'images');
    try {
      for (const name of await readdir(dir)) where.set(name, dir);
    } catch {
      // a part without an images/ folder holds nothing of ours
    }
  }
  return (name) => where.get(name) ?? flat;
}
