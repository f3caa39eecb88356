import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DataFileError } from '../errors.ts';
import { UNCERTAIN, type LoadedDataset } from '../records.ts';
import { bump, finishDataset, isMissing, knownView, type AdapterOptions, type Candidate } from './finish-dataset.ts';
import { CHEXPERT_LABELS } from './label-lists.ts';
import { readCsv } from './read-csv.ts';

/** The folders CheXpert ships as (full resolution and the downsampled "small" one). */
export const CHEXPERT_FOLDERS = ['CheXpert-v1.0-small', 'CheXpert-v1.0'];

/** CheXpert's train.csv / valid.csv columns. */
export const CHEXPERT_COLUMNS: string[] = ['Path', 'Sex', 'Age', 'Frontal/Lateral', 'AP/PA', ...CHEXPERT_LABELS];

/** The Frontal/Lateral values and the AP/PA values of frontal images. */
const FRONTAL_LATERAL = ['Frontal', 'Lateral'];
const AP_PA = ['AP', 'PA', 'LL', 'RL'];

const VALUES = new Map<string, number>([
  ['1.0', 1],
  ['1', 1],
  ['0.0', 0],
  ['0', 0],
  ['-1.0', UNCERTAIN],
  ['-1', UNCERTAIN],
]);

/**
 * Reads CheXpert v1.0 or v1.0-small (Irvin et al. 2019): train.csv and valid.csv under
 * dataDir/CheXpert-v1.0-small/ (or -v1.0/, or dataDir itself), or only opts.csvPath. Label cells:
 * 1.0 positive, 0.0 negative, -1.0 uncertain (kept as UNCERTAIN until a policy is applied), blank =
 * not mentioned = 0. A Frontal/Lateral value other than Frontal/Lateral, or a frontal AP/PA value
 * other than AP, PA, LL, RL (blank is allowed), is reported and skipped. The patient id is the path's patientNNNNN, the study its studyN. A view filter
 * may name 'Frontal'/'Lateral' or an AP/PA value. valid.csv becomes the official test list.
 *
 * Throws DataFileError when no train.csv is found, or a CSV is unreadable, not comma-separated or
 * lacks a required column.
 */
export async function loadChexpert(opts: AdapterOptions): Promise<LoadedDataset> {
  const { log } = opts;
  const csvDir = opts.csvPath ? dirname(opts.csvPath) : findCsvDir(opts.dataDir);
  const imagePath = (p: string): string => {
    const rel = p.replace(/^\/+/, '');
    return rel.split('/')[0] === basename(csvDir) ? join(dirname(csvDir), rel) : join(csvDir, rel);
  };
  const keepViews = new Set(opts.projections);
  const projections: Record<string, number> = {};
  const candidates: Candidate[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let filtered = 0;
  const required = ['Path', 'Frontal/Lateral', ...opts.labels];
  /** Reads one CSV into `candidates`; returns the ids it added. */
  const readOne = async (file: string): Promise<string[]> => {
    const added: string[] = [];
    const { rows } = await readCsv(file, { required, known: CHEXPERT_COLUMNS }, log, ({ line, fields }, col) => {
      const cell = (name: string): string | undefined => {
        const i = col.get(name);
        return i === undefined ? undefined : fields[i];
      };
      const frontalLateral = (cell('Frontal/Lateral') ?? '').trim();
      const apPa = (cell('AP/PA') ?? '').trim();
      const view = frontalLateral === 'Frontal' && apPa !== '' ? apPa : frontalLateral;
      bump(projections, view);
      if (!knownView(frontalLateral, FRONTAL_LATERAL, log, { file, line, field: 'Frontal/Lateral' })) return;
      if (frontalLateral === 'Frontal' && apPa !== '' && !knownView(apPa, AP_PA, log, { file, line, field: 'AP/PA' })) return;
      if (!keepViews.has(view) && !keepViews.has(frontalLateral)) {
        filtered++;
        return;
      }
      const path = (cell('Path') ?? '').trim();
      const ids = /(patient\d+)\/(study\d+)\//.exec(path);
      if (!ids) {
        log.add({
          file,
          line,
          field: 'Path',
          kind: 'bad-path',
          message: `expected a path with patientNNNNN/studyN/, found ${JSON.stringify(path)}; row skipped`,
        });
        return;
      }
      const first = seen.get(path);
      if (first !== undefined) {
        log.add({
          file,
          line,
          field: 'Path',
          kind: 'duplicate-id',
          message: `duplicate Path ${JSON.stringify(path)} (first at ${first}); row skipped`,
        });
        return;
      }
      seen.set(path, `${basename(file)}:${line}`);
      const labels = new Float32Array(opts.labels.length);
      for (let j = 0; j < opts.labels.length; j++) {
        const name = opts.labels[j]!;
        const raw = (cell(name) ?? '').trim();
        if (raw === '') continue;
        const v = VALUES.get(raw);
        if (v === undefined) {
          log.add({
            file,
            line,
            field: name,
            kind: 'bad-label',
            message: `expected 1.0, 0.0, -1.0 or blank, found ${JSON.stringify(raw)}; row skipped`,
          });
          return;
        }
        labels[j] = v;
      }
      const record: Candidate['record'] = {
        imageId: path,
        patientId: ids[1]!,
        studyId: `${ids[1]}/${ids[2]}`,
        view,
        path: imagePath(path),
        labels,
      };
      const sex = cell('Sex');
      if (!isMissing(sex)) record.sex = sex!.trim();
      const age = Number((cell('Age') ?? '').trim());
      if (!isMissing(cell('Age'))) {
        if (Number.isFinite(age) && age >= 0) record.age = age;
        else
          log.add({
            file,
            line,
            field: 'Age',
            kind: 'bad-value',
            message: `expected a number of years, found ${JSON.stringify(cell('Age'))}; age left out`,
          });
      }
      candidates.push({ record, file, line, field: 'Path' });
      added.push(path);
    });
    total += rows;
    return added;
  };
  if (opts.csvPath) {
    await readOne(opts.csvPath);
    return finishDataset(opts, candidates, projections, { total, filtered });
  }
  const trainVal = await readOne(join(csvDir, 'train.csv'));
  const validFile = join(csvDir, 'valid.csv');
  if (!existsSync(validFile)) return finishDataset(opts, candidates, projections, { total, filtered });
  const test = await readOne(validFile);
  return finishDataset(opts, candidates, projections, { total, filtered }, { trainVal, test });
}

function findCsvDir(dataDir: string): string {
  for (const name of CHEXPERT_FOLDERS) {
    if (existsSync(join(dataDir, name, 'train.csv'))) return join(dataDir, name);
  }
  if (existsSync(join(dataDir, 'train.csv'))) return dataDir;
  throw new DataFileError(
    join(dataDir, CHEXPERT_FOLDERS[0]!, 'train.csv'),
    undefined,
    undefined,
    `not found; expected train.csv under ${CHEXPERT_FOLDERS.map((f) => join(dataDir, f)).join(' or ')} or ${dataDir}`,
  );
}
