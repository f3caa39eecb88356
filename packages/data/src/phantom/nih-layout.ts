/**
 * The ChestX-ray14 layout writer (Wang et al. 2017): Data_Entry_2017.csv with NIH's columns and
 * header quirk, images/<Image Index>.png, and train_val_list.txt / test_list.txt split by patient.
 * The phantom's signatures and the target lesions are mapped onto NIH's fourteen labels; age, sex
 * and view carry signal through the risk factors (risk.ts).
 */
import { NIH_CSV_NAME } from '../adapters/nih.ts';
import { createRng } from '../random/index.ts';
import type { PhantomLayoutWriter } from './layout.ts';
import { layoutTruthCsv } from './layout-truth.ts';
import type { PhantomPlan, PhantomRow } from './plan.ts';
import { PHANTOM_TRUTH_NAME } from './padchest-layout.ts';
import { DEFAULT_PHANTOM_RISK } from './risk.ts';
import type { PhantomLabel } from './spec.ts';
import { studyLesions, type StudyLesions, type TargetLesion } from './target-lesions.ts';

/** The phantom signatures that resemble an NIH label; the others are drawn but never labelled. */
export const PHANTOM_TO_NIH: Partial<Record<PhantomLabel, string>> = {
  cardiomegaly: 'Cardiomegaly',
  'pleural effusion': 'Effusion',
  'laminar atelectasis': 'Atelectasis',
  'air trapping': 'Emphysema',
  'interstitial pattern': 'Fibrosis',
  'costophrenic angle blunting': 'Pleural_Thickening',
};

/** The target lesions that are NIH labels (a device is drawn but NIH does not label it). */
export const LESION_TO_NIH: Partial<Record<TargetLesion, string>> = {
  nodule: 'Nodule',
  mass: 'Mass',
  consolidation: 'Consolidation',
  infiltrate: 'Infiltration',
  pneumothorax: 'Pneumothorax',
};

/** NIH labels no phantom image shows, so they are always negative: Pneumonia, Edema, Hernia. */
export const NIH_ALWAYS_NEGATIVE = ['Pneumonia', 'Edema', 'Hernia'] as const;

/** Share of patients whose images go to test_list.txt (ChestX-ray14: 25,596 of 112,120 images). */
export const NIH_TEST_SHARE = 0.2;

const HEADER =
  'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],';

/** One Data_Entry_2017.csv row of the phantom, before it is written. */
export interface NihPhantomRow {
  imageIndex: string;
  /** NIH labels, alphabetical; empty = 'No Finding'. */
  findings: string[];
  followUp: number;
  patientId: number;
  /** Age in years at this study. */
  age: number;
  sex: 'M' | 'F';
  view: 'PA' | 'AP';
  /** True when the patient is on test_list.txt. */
  test: boolean;
  row: PhantomRow;
  lesions: StudyLesions;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * The NIH rows of a plan (no pixels): Image Index `<patient 8 digits>_<follow-up 3 digits>.png`,
 * the noisy phantom labels and the study's lesions mapped to NIH names, age at the study, and the
 * patient's list (stream `phantom-nih/test/<patient>` of `seed`).
 * @example nihRows(plan, 0)[0].imageIndex // '00000017_001.png'
 */
export function nihRows(plan: PhantomPlan, seed: number): NihPhantomRow[] {
  return plan.rows.map((row) => {
    const lesions = studyLesions(row, seed);
    const names = new Set<string>();
    for (const l of row.labels) {
      const nih = PHANTOM_TO_NIH[l as PhantomLabel];
      if (nih) names.add(nih);
    }
    for (const [k, name] of Object.entries(LESION_TO_NIH)) if (lesions.present[k as TargetLesion]) names.add(name);
    return {
      imageIndex: `${pad(row.patientIndex + 1, 8)}_${pad(row.followUp, 3)}.png`,
      findings: [...names].sort(),
      followUp: row.followUp,
      patientId: row.patientIndex + 1,
      age: Number(row.studyDate.slice(0, 4)) - row.birthYear,
      sex: row.sex,
      view: row.projection === 'AP' ? 'AP' : 'PA',
      test: createRng(seed, `phantom-nih/test/${row.patientIndex}`).next() < NIH_TEST_SHARE,
      row,
      lesions,
    };
  });
}

/** Data_Entry_2017.csv's text: NIH's header (trailing comma, bracketed pairs) and 11 fields a row. */
export function nihCsv(rows: NihPhantomRow[], size: number): string {
  // A 43 cm field of view over `size` pixels, as the PadChest layout's spacing.
  const spacing = (430 / size).toFixed(3);
  const lines = [HEADER];
  for (const r of rows) {
    const labels = r.findings.length ? r.findings.join('|') : 'No Finding';
    lines.push([r.imageIndex, labels, r.followUp, r.patientId, r.age, r.sex, r.view, size, size, spacing, spacing].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function list(rows: NihPhantomRow[], test: boolean): string {
  const names = rows
    .filter((r) => r.test === test)
    .map((r) => r.imageIndex)
    .sort();
  return names.length ? `${names.join('\n')}\n` : '';
}

/** ChestX-ray14's layout, read by loadNih: frontal views only, about 30 % AP. */
export const NIH_LAYOUT: PhantomLayoutWriter = {
  csv: NIH_CSV_NAME,
  spec: { apFraction: 0.3 },
  forced: { lateralPerStudy: 0 },
  risk: DEFAULT_PHANTOM_RISK,
  write: (plan, size, seed) => {
    const rows = nihRows(plan, seed);
    return {
      images: rows.map((r) => ({ path: `images/${r.imageIndex}`, params: { ...r.row.params, sourceLesions: r.lesions.lesions } })),
      files: [
        { path: NIH_CSV_NAME, text: nihCsv(rows, size) },
        { path: 'train_val_list.txt', text: list(rows, false) },
        { path: 'test_list.txt', text: list(rows, true) },
        {
          path: PHANTOM_TRUTH_NAME,
          text: layoutTruthCsv(rows.map((r) => ({ path: `images/${r.imageIndex}`, row: r.row, lesions: r.lesions }))),
        },
      ],
    };
  },
};
