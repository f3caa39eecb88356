/**
 * The experiment page's "Clinical evaluation" section: Table 9 (reference column and Delta per
 * level), Table 10 per level with each seed's bootstrap CIs folded in a details element, the
 * settings the numbers were computed with, the section's notes, and its figures.
 */
import type { ClinicalModel } from '../clinical/clinical-types.ts';
import { MISSING } from '../format.ts';
import { clinicalSettingsText, table10SeedText, table10Text, table9Text, type TextTable } from '../render/clinical-cells.ts';
import type { NamedSpec } from '../specs/report-specs.ts';
import { escapeHtml } from './escape.ts';
import { inlineSvg } from './inline-svg.ts';

function tableHtml(id: string, t: TextTable): string {
  const head = `<thead><tr>${t.headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = t.rows.map(
    (r) => `<tr>${r.map((c, i) => `<td${i === 0 ? ' class="level"' : ' class="num"'}>${escapeHtml(c || MISSING)}</td>`).join('')}</tr>`,
  );
  return `<div class="scroll"><table id="${escapeHtml(id)}" class="wide">${head}<tbody>${body.join('')}</tbody></table></div>`;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'level';
}

/**
 * The section's HTML (id "clinical"), with `specs` (clinicalSpecs of the model) drawn from their
 * rendered `svgs`.
 *
 * @example clinicalSectionHtml(model.clinical!, [], new Map()) // '<h2 id="clinical">Clinical evaluation</h2>...'
 */
export function clinicalSectionHtml(model: ClinicalModel, specs: readonly NamedSpec[], svgs: ReadonlyMap<string, string>): string {
  const parts = ['<h2 id="clinical">Clinical evaluation</h2>', `<p>${escapeHtml(clinicalSettingsText(model))}</p>`];
  if (model.levels.length === 0) parts.push('<p>No done run with stored validation and test predictions.</p>');
  if (model.reference) {
    parts.push(
      '<h3 id="table9">Per-label AUC-ROC against the reference (Table 9)</h3>',
      `<p>Δ: mean ± sd over seeds of AUC ours − ${escapeHtml(model.reference.name)}; 95 % CI: percentile bootstrap over the test images, pooled over the seeds.</p>`,
      tableHtml('table9', table9Text(model)),
    );
  }
  for (const level of model.table10) {
    if (level.rows.length === 0) continue;
    parts.push(
      `<h3 id="table10-${escapeHtml(slug(level.level))}">Calibration and operating points (Table 10): ${escapeHtml(level.level)}</h3>`,
      tableHtml(`table10-${slug(level.level)}`, table10Text(model, level)),
      `<details><summary>Each seed's bootstrap 95 % CI (${escapeHtml(level.level)})</summary>${tableHtml(`table10-seeds-${slug(level.level)}`, table10SeedText(level))}</details>`,
    );
  }
  if (model.notes.length) parts.push(`<ul id="clinical-notes">${model.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  for (const s of specs)
    parts.push(
      `<figure id="figure-${escapeHtml(s.id)}">${inlineSvg(svgs.get(s.id)!, s.id)}<figcaption>${escapeHtml(s.title)}</figcaption></figure>`,
    );
  return parts.join('\n');
}
