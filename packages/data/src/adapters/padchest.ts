import { join } from 'node:path';
import type { LoadedDataset } from '../records.ts';
import { bump, finishDataset, isMissing, knownView, type AdapterOptions, type Candidate } from './finish-dataset.ts';
import { PADCHEST_PROJECTIONS, PADCHEST_THESIS_LABELS } from './label-lists.ts';
import { parsePythonList } from './python-list.ts';
import { readCsv } from './read-csv.ts';

/** PadChest's label file, as published (Bustos et al. 2020). */
export const PADCHEST_CSV_NAME = 'PADCHEST_chest_x_ray_images_labels_160K_01.02.19.csv';

/** PadChest's 36 columns in order; the first, unnamed one is pandas' row index. */
export const PADCHEST_COLUMNS: string[] = [
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

const REQUIRED = ['ImageID', 'ImageDir', 'PatientID', 'Projection', 'Labels'];

/**
 * Reads PadChest's published layout (also the phantom's): the labels CSV (PADCHEST_CSV_NAME under
 * dataDir, or opts.csvPath) and 16-bit PNGs at dataDir/ImageDir/ImageID. Keeps rows whose Projection
 * is in opts.projections; a Projection outside PADCHEST_PROJECTIONS is reported and skipped. Labels is a Python list literal; each item is trimmed, empty items are
 * ignored, and names match exactly. A row with an empty/NaN or unparseable Labels cell, an empty
 * ImageID/ImageDir/PatientID, a duplicate ImageID or a missing image is skipped and reported.
 * Age = study year - PatientBirth year.
 *
 * Throws DataFileError when the CSV is unreadable, not comma-separated or lacks a required column.
 */
export async function loadPadchest(opts: AdapterOptions): Promise<LoadedDataset> {
  const file = opts.csvPath ?? join(opts.dataDir, PADCHEST_CSV_NAME);
  const { log } = opts;
  const labelIndex = new Map(opts.labels.map((name, i) => [name, i]));
  const keepViews = new Set(opts.projections);
  const projections: Record<string, number> = {};
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  const labelSeen = new Set<string>();
  let filtered = 0;
  const { rows } = await readCsv(
    file,
    { required: REQUIRED, known: PADCHEST_COLUMNS, multiline: ['Report'] },
    log,
    ({ line, fields }, col) => {
      const cell = (name: string): string | undefined => {
        const i = col.get(name);
        return i === undefined ? undefined : fields[i];
      };
      const view = (cell('Projection') ?? '').trim();
      bump(projections, view);
      if (!knownView(view, PADCHEST_PROJECTIONS, log, { file, line, field: 'Projection' })) return;
      if (!keepViews.has(view)) {
        filtered++;
        return;
      }
      for (const field of ['ImageID', 'ImageDir', 'PatientID']) {
        if (isMissing(cell(field))) {
          log.add({ file, line, field, kind: 'missing-field', message: `empty ${field}; row skipped` });
          return;
        }
      }
      const imageId = cell('ImageID')!.trim();
      const first = seen.get(imageId);
      if (first !== undefined) {
        log.add({
          file,
          line,
          field: 'ImageID',
          kind: 'duplicate-id',
          message: `duplicate ImageID ${JSON.stringify(imageId)} (first on line ${first}); row skipped`,
        });
        return;
      }
      seen.set(imageId, line);
      const labelsCell = cell('Labels')!;
      if (isMissing(labelsCell)) {
        log.add({ file, line, field: 'Labels', kind: 'bad-label', message: 'empty or NaN Labels cell; row skipped' });
        return;
      }
      let names: string[];
      try {
        names = parsePythonList(labelsCell)
          .map((s) => s.trim())
          .filter((s) => s !== '');
      } catch (error) {
        log.add({ file, line, field: 'Labels', kind: 'bad-label', message: `${(error as Error).message}; row skipped` });
        return;
      }
      const labels = new Float32Array(opts.labels.length);
      for (const name of names) {
        const j = labelIndex.get(name);
        if (j !== undefined) {
          labels[j] = 1;
          labelSeen.add(name);
        }
      }
      const record: Candidate['record'] = {
        imageId,
        patientId: cell('PatientID')!.trim(),
        view,
        path: join(opts.dataDir, normaliseDir(cell('ImageDir')!), imageId),
        labels,
      };
      const studyId = cell('StudyID');
      if (!isMissing(studyId)) record.studyId = studyId!.trim();
      const dateCell = cell('StudyDate_DICOM');
      const studyDate = isoDate(dateCell);
      if (studyDate) record.studyDate = studyDate;
      else if (!isMissing(dateCell))
        log.add({
          file,
          line,
          field: 'StudyDate_DICOM',
          kind: 'bad-value',
          message: `expected YYYYMMDD, found ${JSON.stringify(dateCell)}; date and age left out`,
        });
      const sex = cell('PatientSex_DICOM');
      if (!isMissing(sex)) record.sex = sex!.trim();
      const birth = Number.parseFloat(cell('PatientBirth') ?? '');
      if (studyDate && Number.isFinite(birth)) record.age = Number(studyDate.slice(0, 4)) - Math.round(birth);
      candidates.push({ record, file, line, field: 'ImageID' });
    },
  );
  // A custom label list may carry a typo that would silently give an all-negative label; the
  // default list is PadChest's own spelling.
  const custom = opts.labels.join('\n') !== PADCHEST_THESIS_LABELS.join('\n');
  for (const name of custom ? opts.labels : []) {
    if (!labelSeen.has(name) && candidates.length > 0) {
      log.add({
        file,
        field: 'Labels',
        kind: 'unused-label',
        message: `label ${JSON.stringify(name)} never appears in the kept rows (a typo?)`,
      });
    }
  }
  return finishDataset(opts, candidates, projections, { total: rows, filtered });
}

/** pandas may write the folder number as a float ("12.0"). */
function normaliseDir(cell: string): string {
  const t = cell.trim();
  return /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf('.')) : t;
}

/** YYYYMMDD (possibly written as a float) -> YYYY-MM-DD; undefined when absent or malformed. */
function isoDate(cell: string | undefined): string | undefined {
  if (isMissing(cell)) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(\.0+)?$/.exec(cell!.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
