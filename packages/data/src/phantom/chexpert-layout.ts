/**
 * The CheXpert-v1.0-small layout writer (Irvin et al. 2019): CheXpert-v1.0-small/train.csv and
 * valid.csv with CheXpert's columns, images at train|valid/patientNNNNN/studyN/viewN_frontal|lateral.png.
 * train.csv carries the mined labels (1.0, 0.0, -1.0, blank) with uncertainty that depends on the
 * truth (see CHEXPERT_UNCERTAINTY); valid.csv, like CheXpert's radiologist-labelled validation
 * set, carries the truth as 1.0 / 0.0. Labels are per study, so a study's views share them.
 */
import { CHEXPERT_COLUMNS, CHEXPERT_FOLDERS } from '../adapters/chexpert.ts';
import { CHEXPERT_LABELS } from '../adapters/label-lists.ts';
import { createRng, type Rng } from '../random/index.ts';
import type { PhantomLayoutWriter } from './layout.ts';
import { layoutTruthCsv } from './layout-truth.ts';
import type { PhantomPlan, PhantomRow } from './plan.ts';
import { PHANTOM_TRUTH_NAME } from './padchest-layout.ts';
import { DEFAULT_PHANTOM_RISK } from './risk.ts';
import { DEFAULT_PHANTOM_SPEC, type PhantomLabel } from './spec.ts';
import { studyLesions, type StudyLesions, type TargetLesion } from './target-lesions.ts';

/** The phantom signatures that resemble a CheXpert observation; the others are drawn but have no column. */
export const PHANTOM_TO_CHEXPERT: Partial<Record<PhantomLabel, string>> = {
  'aortic elongation': 'Enlarged Cardiomediastinum',
  cardiomegaly: 'Cardiomegaly',
  'interstitial pattern': 'Edema',
  'laminar atelectasis': 'Atelectasis',
  'pleural effusion': 'Pleural Effusion',
  'costophrenic angle blunting': 'Pleural Other',
};

/** The target lesions as CheXpert observations (an infiltrate is only a 'Lung Opacity'). */
export const LESION_TO_CHEXPERT: Partial<Record<TargetLesion, string>> = {
  nodule: 'Lung Lesion',
  mass: 'Lung Lesion',
  consolidation: 'Consolidation',
  pneumothorax: 'Pneumothorax',
  device: 'Support Devices',
};

/** Observations whose positive makes 'Lung Opacity' positive (CheXpert's label hierarchy). */
const OPACITY_CHILDREN = ['Edema', 'Consolidation', 'Atelectasis', 'Lung Lesion'];

/**
 * How train.csv marks findings uncertain, so the policy matters:
 * - Atelectasis and Edema: a written positive of severity below `subtleBelow` is -1.0 with
 *   probability `subtleP`; a negative only with `negativeP`. The uncertain cells are mostly subtle
 *   true positives, so U-Ones is right for them more often than U-Zeros.
 * - Cardiomegaly: a negative whose normal heart is large (cardiothoracic ratio >= `borderlineCtr`,
 *   the largest 30 % of normal hearts) is -1.0 with probability `borderlineP`; a positive only with
 *   `positiveP`. The uncertain cells are mostly borderline negatives, so U-Zeros wins there.
 * - Pneumonia: a study with a consolidation is -1.0 with probability 0.6 (1.0 with 0.2), one with an
 *   infiltrate -1.0 with 0.3; there is no pneumonia signature beyond the opacity.
 */
export const CHEXPERT_UNCERTAINTY = {
  Atelectasis: { subtleBelow: 0.5, subtleP: 0.8, negativeP: 0.002 },
  Edema: { subtleBelow: 0.5, subtleP: 0.7, negativeP: 0.002 },
  Cardiomegaly: { borderlineCtr: 0.46, borderlineP: 0.15, positiveP: 0.03 },
} as const;

/** Share of patients in valid.csv. */
export const CHEXPERT_VALID_SHARE = 0.1;

/** Share of negative cells written 0.0 instead of blank (not mentioned) in train.csv. */
const EXPLICIT_NEGATIVE = 0.3;

/** A CheXpert label cell. */
export type ChexpertCell = '1.0' | '0.0' | '-1.0' | '';

/** One train.csv / valid.csv row of the phantom, before it is written. */
export interface ChexpertPhantomRow {
  /** Path as the CSV spells it (CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.png). */
  path: string;
  valid: boolean;
  sex: 'Male' | 'Female';
  age: number;
  frontalLateral: 'Frontal' | 'Lateral';
  apPa: 'AP' | 'PA' | '';
  /** Per CHEXPERT_LABELS name. */
  cells: Record<string, ChexpertCell>;
  row: PhantomRow;
  lesions: StudyLesions;
}

function mined(row: PhantomRow, lesions: StudyLesions, rng: Rng): Record<string, ChexpertCell> {
  const cells: Record<string, ChexpertCell> = Object.fromEntries(CHEXPERT_LABELS.map((l) => [l, '']));
  const negative = (): ChexpertCell => (rng.next() < EXPLICIT_NEGATIVE ? '0.0' : '');
  const written = new Set(row.labels);
  for (const [label, obs] of Object.entries(PHANTOM_TO_CHEXPERT) as [PhantomLabel, string][]) {
    const u = rng.next();
    const sev = row.params.findings[label]?.severity;
    let cell: ChexpertCell = written.has(label) ? '1.0' : negative();
    if (obs === 'Atelectasis' || obs === 'Edema') {
      const r = CHEXPERT_UNCERTAINTY[obs];
      if (cell === '1.0' && sev !== undefined && sev < r.subtleBelow && u < r.subtleP) cell = '-1.0';
      else if (cell !== '1.0' && u < r.negativeP) cell = '-1.0';
    } else if (obs === 'Cardiomegaly') {
      const r = CHEXPERT_UNCERTAINTY.Cardiomegaly;
      if (cell === '1.0' && u < r.positiveP) cell = '-1.0';
      else if (cell !== '1.0' && sev === undefined && row.params.anatomy.ctr >= r.borderlineCtr && u < r.borderlineP) cell = '-1.0';
    }
    cells[obs] = cell;
  }
  for (const [k, obs] of Object.entries(LESION_TO_CHEXPERT)) if (lesions.present[k as TargetLesion]) cells[obs] = '1.0';
  const u = rng.next();
  if (lesions.present.consolidation) cells.Pneumonia = u < 0.6 ? '-1.0' : u < 0.8 ? '1.0' : '';
  else if (lesions.present.infiltrate && u < 0.3) cells.Pneumonia = '-1.0';
  const children = OPACITY_CHILDREN.map((o) => cells[o]);
  if (lesions.present.infiltrate || children.includes('1.0')) cells['Lung Opacity'] = '1.0';
  else if (children.includes('-1.0')) cells['Lung Opacity'] = '-1.0';
  return finishNoFinding(cells, '');
}

function truth(row: PhantomRow, lesions: StudyLesions): Record<string, ChexpertCell> {
  const cells: Record<string, ChexpertCell> = Object.fromEntries(CHEXPERT_LABELS.map((l) => [l, '0.0']));
  for (const [label, obs] of Object.entries(PHANTOM_TO_CHEXPERT) as [PhantomLabel, string][])
    if (row.params.findings[label]) cells[obs] = '1.0';
  for (const [k, obs] of Object.entries(LESION_TO_CHEXPERT)) if (lesions.present[k as TargetLesion]) cells[obs] = '1.0';
  if (lesions.present.infiltrate || OPACITY_CHILDREN.some((o) => cells[o] === '1.0')) cells['Lung Opacity'] = '1.0';
  return finishNoFinding(cells, '0.0');
}

/** 'No Finding' is 1.0 when no observation but Support Devices is positive or uncertain. */
function finishNoFinding(cells: Record<string, ChexpertCell>, otherwise: ChexpertCell): Record<string, ChexpertCell> {
  const any = CHEXPERT_LABELS.some((l) => l !== 'No Finding' && l !== 'Support Devices' && (cells[l] === '1.0' || cells[l] === '-1.0'));
  cells['No Finding'] = any ? otherwise : '1.0';
  return cells;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * The CheXpert rows of a plan (no pixels): paths by patient, study (follow-up + 1) and view (the
 * frontal image is view1, the lateral view2), the patient's split (stream
 * `phantom-chexpert/valid/<patient>` of `seed`), and the cells (stream
 * `phantom-chexpert/labels/<study>`), mined for train.csv, true for valid.csv.
 * @example chexpertRows(plan, 0)[0].path // 'CheXpert-v1.0-small/train/patient00017/study2/view1_frontal.png'
 */
export function chexpertRows(plan: PhantomPlan, seed: number): ChexpertPhantomRow[] {
  const studyCells = new Map<string, Record<string, ChexpertCell>>();
  return plan.rows.map((row) => {
    const lesions = studyLesions(row, seed);
    const valid = createRng(seed, `phantom-chexpert/valid/${row.patientIndex}`).next() < CHEXPERT_VALID_SHARE;
    let cells = studyCells.get(row.studyId);
    if (!cells) {
      cells = valid ? truth(row, lesions) : mined(row, lesions, createRng(seed, `phantom-chexpert/labels/${row.studyId}`));
      studyCells.set(row.studyId, cells);
    }
    const lateral = row.projection === 'L';
    const file = lateral ? 'view2_lateral.png' : 'view1_frontal.png';
    return {
      path: `${CHEXPERT_FOLDERS[0]}/${valid ? 'valid' : 'train'}/patient${pad(row.patientIndex + 1, 5)}/study${row.followUp + 1}/${file}`,
      valid,
      sex: row.sex === 'M' ? 'Male' : 'Female',
      age: Number(row.studyDate.slice(0, 4)) - row.birthYear,
      frontalLateral: lateral ? 'Lateral' : 'Frontal',
      apPa: lateral ? '' : row.projection === 'AP' ? 'AP' : 'PA',
      cells,
      row,
      lesions,
    };
  });
}

/** train.csv or valid.csv text: CheXpert's 19 columns, its rows in plan order. */
export function chexpertCsv(rows: ChexpertPhantomRow[]): string {
  const lines = [CHEXPERT_COLUMNS.join(',')];
  for (const r of rows) lines.push([r.path, r.sex, r.age, r.frontalLateral, r.apPa, ...CHEXPERT_LABELS.map((l) => r.cells[l])].join(','));
  return `${lines.join('\n')}\n`;
}

/** CheXpert-v1.0-small's layout, read by loadChexpert: frontal and lateral views, half the frontals AP. */
export const CHEXPERT_LAYOUT: PhantomLayoutWriter = {
  csv: `${CHEXPERT_FOLDERS[0]}/train.csv`,
  // CheXpert's findings are far more common than PadChest's (Irvin et al. 2019: effusion, edema
  // and atelectasis are among its most frequent observations); more positives make the
  // uncertainty policy matter on a small set.
  spec: {
    apFraction: 0.5,
    prevalence: {
      ...DEFAULT_PHANTOM_SPEC.prevalence,
      'pleural effusion': 0.1,
      'costophrenic angle blunting': 0.07,
      'interstitial pattern': 0.08,
      'laminar atelectasis': 0.08,
    },
  },
  risk: DEFAULT_PHANTOM_RISK,
  write: (plan, _size, seed) => {
    const rows = chexpertRows(plan, seed);
    return {
      images: rows.map((r) => ({ path: r.path, params: { ...r.row.params, sourceLesions: r.lesions.lesions } })),
      files: [
        { path: `${CHEXPERT_FOLDERS[0]}/train.csv`, text: chexpertCsv(rows.filter((r) => !r.valid)) },
        { path: `${CHEXPERT_FOLDERS[0]}/valid.csv`, text: chexpertCsv(rows.filter((r) => r.valid)) },
        { path: PHANTOM_TRUTH_NAME, text: layoutTruthCsv(rows) },
      ],
    };
  },
};
