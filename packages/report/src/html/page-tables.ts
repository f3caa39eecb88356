/**
 * The experiment page's HTML tables: the mirrored table (best row marked, thesis numbers beside
 * ours), whether our conclusions agree with the thesis', the comparisons, and what each level
 * changes. Cells hold plain text so the numbers copy as printed.
 */
import { fixed, pText } from '../format.ts';
import { DIGITS } from '../render/table-cells.ts';
import type { ReportModel } from '../report-types.ts';
import { comparisonColumns } from '../specs/comparison-table-spec.ts';
import { comparisonLabel } from '../specs/forest-spec.ts';
import { mirroredColumns } from '../specs/mirrored-table-spec.ts';
import { escapeHtml } from './escape.ts';

const TEXT_COLUMNS = new Set(['level', 'regime', 'comparison (a − b)', 'verdict']);

function cell(heading: string, text: string): string {
  const cls = heading === 'level' ? 'level' : heading === 'verdict' ? 'verdict' : TEXT_COLUMNS.has(heading) ? '' : 'num';
  return `<td${cls ? ` class="${cls}"` : ''} data-col="${escapeHtml(heading)}">${escapeHtml(text)}</td>`;
}

function head(headings: string[]): string {
  return `<thead><tr>${headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
}

/**
 * The mirrored table as HTML (id "mirrored-table"), rows in table order, the best one class "best".
 *
 * @example mirroredTableHtml(model) // '<table id="mirrored-table">...'
 */
export function mirroredTableHtml(model: ReportModel): string {
  const columns = mirroredColumns(model);
  const rows = model.levels.map(
    (l) =>
      `<tr${l.best ? ' class="best"' : ''} data-level="${escapeHtml(l.label)}">${columns.map((c) => cell(c.heading, c.cell(l))).join('')}</tr>`,
  );
  return `<div class="scroll"><table id="mirrored-table">${head(columns.map((c) => c.heading))}<tbody>${rows.join('')}</tbody></table></div>`;
}

/**
 * The comparisons as HTML (id "comparison-table"); significant rows class "significant".
 *
 * @example comparisonTableHtml(model) // '<table id="comparison-table">...'
 */
export function comparisonTableHtml(model: ReportModel): string {
  if (model.comparisons.length === 0) return '<p>The experiment declares no comparison.</p>';
  const columns = comparisonColumns(model);
  const rows = model.comparisons.map(
    (c) => `<tr${c.significant ? ' class="significant"' : ''}>${columns.map((col) => cell(col.heading, col.cell(c))).join('')}</tr>`,
  );
  return `<div class="scroll"><table id="comparison-table" class="wide">${head(columns.map((c) => c.heading))}<tbody>${rows.join('')}</tbody></table></div>`;
}

function yesNo(v: boolean): string {
  return v ? '<span class="yes">yes</span>' : '<span class="no">no</span>';
}

/**
 * The reproduction view of the comparisons the thesis published: its |t|, t* and p beside ours,
 * and whether direction and verdict agree; empty when nothing was published.
 *
 * @example agreementTableHtml(model) // '<table id="agreement-table">...' or ''
 */
export function agreementTableHtml(model: ReportModel): string {
  const rows = model.comparisons.filter((c) => c.published !== null);
  if (rows.length === 0) return '';
  const body = rows.map((c) => {
    const p = c.published!;
    const agree = c.agreement
      ? `<td>${yesNo(c.agreement.sameDirection)}</td><td>${yesNo(c.agreement.sameVerdict)}</td>`
      : '<td>–</td><td>–</td>';
    return `<tr><td>${escapeHtml(comparisonLabel(c))}</td><td class="num">${fixed(c.t, DIGITS.statistic)}</td><td class="num">${fixed(p.t, DIGITS.statistic)}</td><td class="num">${pText(c.p)}</td><td class="num">${pText(c.pAdjusted)}</td><td class="num">${pText(p.p)}</td>${agree}</tr>`;
  });
  return `<table id="agreement-table">${head(['comparison', '|t| ours', '|t| thesis', 'p ours', 'p adjusted ours', 'p thesis', 'same direction', 'same verdict'])}<tbody>${body.join('')}</tbody></table>`;
}

function configValue(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

/**
 * What each level changes from the base configuration, as a table (level, key, base, level's value).
 *
 * @example changesTableHtml(model) // '<table id="changes-table">...'
 */
export function changesTableHtml(model: ReportModel): string {
  if (model.changes.length === 0) return '<p>No configuration difference between the levels was recorded.</p>';
  const body = model.changes.map(
    (c) =>
      `<tr><td>${escapeHtml(c.level)}</td><td><code>${escapeHtml(c.path)}</code></td><td><code>${escapeHtml(configValue(c.base))}</code></td><td><code>${escapeHtml(configValue(c.value))}</code></td></tr>`,
  );
  return `<table id="changes-table">${head(['level', 'key', 'base', 'this level'])}<tbody>${body.join('')}</tbody></table>`;
}
