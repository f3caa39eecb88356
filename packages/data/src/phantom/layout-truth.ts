/**
 * The ground-truth CSV of the NIH and CheXpert layouts (`phantom-truth.csv`, as the PadChest
 * layout writes one): per image its path in the layout, the true severity of each phantom finding
 * before label noise, and which target lesions its study has, for analysis of what a model missed.
 */
import type { PhantomRow } from './plan.ts';
import { PHANTOM_LABELS } from './spec.ts';
import { TARGET_LESIONS, type StudyLesions } from './target-lesions.ts';

/**
 * The truth CSV text: Path, Patient, FollowUp, Projection, severity:<label> x 10, lesion:<kind> x 6 (0/1).
 * @example layoutTruthCsv([{ path: 'images/00000001_000.png', row, lesions }]).split('\n')[0].split(',').length // 20
 */
export function layoutTruthCsv(images: { path: string; row: PhantomRow; lesions: StudyLesions }[]): string {
  const header = [
    'Path',
    'Patient',
    'FollowUp',
    'Projection',
    ...PHANTOM_LABELS.map((l) => `severity:${l}`),
    ...TARGET_LESIONS.map((k) => `lesion:${k}`),
  ];
  const lines = [header.join(',')];
  for (const { path, row, lesions } of images) {
    const sev = PHANTOM_LABELS.map((l) => (row.params.findings[l] ? row.params.findings[l]!.severity.toFixed(4) : '0'));
    const les = TARGET_LESIONS.map((k) => (lesions.present[k] ? 1 : 0));
    lines.push([path, row.patientIndex + 1, row.followUp, row.projection, ...sev, ...les].join(','));
  }
  return `${lines.join('\n')}\n`;
}
