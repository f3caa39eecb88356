/**
 * The PadChest layout writer: the 36-column label CSV, PNGs in numbered ImageDir folders and the
 * ground-truth CSV (true severities before label noise). No risk factors, so the set is what the
 * phantom wrote before the other layouts existed.
 */
import { PADCHEST_CSV_NAME } from '../adapters/padchest.ts';
import type { PhantomLayoutWriter } from './layout.ts';
import { padchestCsv } from './padchest-csv.ts';
import type { PhantomRow } from './plan.ts';
import { PHANTOM_LABELS } from './spec.ts';

/** Ground truth per image (true findings and severities, before label noise). */
export const PHANTOM_TRUTH_NAME = 'phantom-truth.csv';

function truthCsv(rows: PhantomRow[]): string {
  const header = ['ImageID', 'ImageDir', 'PatientID', 'StudyID', 'Projection', 'FollowUp', ...PHANTOM_LABELS.map((l) => `severity:${l}`)];
  const lines = [header.join(',')];
  for (const r of rows) {
    const sev = PHANTOM_LABELS.map((l) => (r.params.findings[l] ? r.params.findings[l]!.severity.toFixed(4) : '0'));
    lines.push([r.imageId, r.imageDir, r.patientId, r.studyId, r.projection, r.followUp, ...sev].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** PadChest's layout (Bustos et al. 2020), read by loadPadchest. */
export const PADCHEST_LAYOUT: PhantomLayoutWriter = {
  csv: PADCHEST_CSV_NAME,
  spec: {},
  write: (plan, size) => ({
    images: plan.rows.map((r) => ({ path: `${r.imageDir}/${r.imageId}`, params: r.params })),
    files: [
      { path: PADCHEST_CSV_NAME, text: padchestCsv(plan.rows, size) },
      { path: PHANTOM_TRUTH_NAME, text: truthCsv(plan.rows) },
    ],
  }),
};
