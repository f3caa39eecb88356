/** The clinical section as GitHub Markdown: Table 9, Table 10 per level, the settings and notes. */
import type { ClinicalModel } from '../clinical/clinical-types.ts';
import { clinicalSettingsText, table10Text, table9Text, type TextTable } from './clinical-cells.ts';

const DASH = '—';

function cell(text: string): string {
  return text ? text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|') : DASH;
}

function table(t: TextTable): string[] {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [row(t.headings.map(cell)), row(t.headings.map((_, i) => (i === 0 ? ':--' : '--:'))), ...t.rows.map((r) => row(r.map(cell)))];
}

/**
 * Markdown lines of the clinical section (per-seed CIs are left to the HTML page and the JSON).
 *
 * @example clinicalMarkdown(model.clinical!)[0] // '### Clinical evaluation'
 */
export function clinicalMarkdown(model: ClinicalModel): string[] {
  const lines = ['### Clinical evaluation', '', cell(clinicalSettingsText(model)), ''];
  if (model.reference) lines.push('#### Table 9: per-label AUC-ROC against the reference', '', ...table(table9Text(model)), '');
  for (const level of model.table10) {
    if (level.rows.length)
      lines.push(`#### Table 10: calibration and operating points, ${cell(level.level)}`, '', ...table(table10Text(model, level)), '');
  }
  if (model.notes.length) lines.push(...model.notes.map((n) => `- ${cell(n)}`), '');
  return lines;
}
