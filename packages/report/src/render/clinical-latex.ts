/** The clinical section as LaTeX booktabs fragments: Table 9 and Table 10 per level. */
import type { ClinicalModel } from '../clinical/clinical-types.ts';
import { table10Text, table9Text, type TextTable } from './clinical-cells.ts';
import { latexEscape } from './latex-escape.ts';

const DASH = '--';

function cell(text: string): string {
  if (!text) return DASH;
  return latexEscape(text).replace(/ ± /g, ' $\\pm$ ').replace(/Δ/g, '$\\Delta$').replace(/−/g, '$-$');
}

function tabular(t: TextTable): string[] {
  const spec = t.headings.map((_, i) => (i === 0 ? 'l' : 'r')).join('');
  return [
    `\\begin{tabular}{${spec}}`,
    '\\toprule',
    `${t.headings.map(cell).join(' & ')} \\\\`,
    '\\midrule',
    ...t.rows.map((r) => `${r.map(cell).join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
  ];
}

/**
 * LaTeX lines of the clinical section: a comment line, then one tabular per table.
 *
 * @example clinicalLatex(model.clinical!)[0] // '% Clinical evaluation'
 */
export function clinicalLatex(model: ClinicalModel): string[] {
  const lines = ['% Clinical evaluation'];
  if (model.reference)
    lines.push(`% Table 9: per-label AUC-ROC against ${model.reference.name.replace(/\r?\n/g, ' ')}`, ...tabular(table9Text(model)));
  for (const level of model.table10) {
    if (level.rows.length)
      lines.push(
        `% Table 10: ${level.level.replace(/\r?\n/g, ' ')} (ECE with ${model.eceBins} bins)`,
        ...tabular(table10Text(model, level)),
      );
  }
  return lines;
}
