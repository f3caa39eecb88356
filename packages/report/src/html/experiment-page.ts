/**
 * One self-contained HTML page per experiment: inline CSS, inline SVG charts rendered in Node, the
 * numbers as HTML tables, every Vega-Lite spec and the per-run data embedded as JSON and the
 * per-run CSV as a data: link. No script runs and nothing is fetched, so the page reads the same
 * offline, from an e-mail attachment, and in print. Deterministic: the same model gives the same bytes.
 */

import { metricLabel } from '../render/metric-label.ts';
import type { QuotedTable, ReportModel } from '../report-types.ts';
import { runsCsv } from '../render/runs-csv.ts';
import { renderSvg } from '../render-svg.ts';
import { reportSpecs, type NamedSpec } from '../specs/report-specs.ts';
import { clinicalSpecs } from '../clinical/specs/clinical-specs.ts';
import { clinicalSectionHtml } from './clinical-section.ts';
import { gradcamSectionHtml, type GalleryLink } from './gradcam-galleries.ts';
import { escapeHtml, scriptJson } from './escape.ts';
import { inlineSvg } from './inline-svg.ts';
import { pageHeader } from './page-header.ts';
import { PAGE_CSS } from './page-style.ts';
import { agreementTableHtml, changesTableHtml, comparisonTableHtml, mirroredTableHtml } from './page-tables.ts';

const CAPTIONS: Record<string, string> = {
  forest:
    'Each planned comparison: the difference of means (dot) and its Welch confidence interval (bar); the dashed rule is no difference.',
  curves: 'Validation AUC-ROC and loss after each epoch; one thin line per run, coloured by level.',
  'label-auc': 'Test AUC-ROC of each label, mean over the done runs of each level.',
  'table-mirrored': 'The mirrored table as a Vega-Lite specification (embedded below), best row highlighted.',
  'table-comparisons': 'The comparison table as a Vega-Lite specification (embedded below), significant rows highlighted.',
};

function caption(s: NamedSpec): string {
  return CAPTIONS[s.id] ?? 'Mean (filled dot) ± one standard deviation (bar) of each level, and each seed’s value (open dots).';
}

function chart(s: NamedSpec, svg: string): string {
  return `<figure id="figure-${s.id}">${inlineSvg(svg, s.id)}<figcaption>${escapeHtml(caption(s))}</figcaption></figure>`;
}

/**
 * The experiment page, with links to the Grad-CAM galleries found beside it (findGradcamGalleries). Cost: one SVG render per spec (about 50-100 ms each on one core).
 *
 * Throws RenderError (from renderSvg) when a spec fails to render.
 *
 * @example await renderExperimentPage(sampleReportModel()) // '<!DOCTYPE html>\n<html lang="en">...'
 */
export async function renderExperimentPage(model: ReportModel, galleries: readonly GalleryLink[] = []): Promise<string> {
  const specs = reportSpecs(model);
  const svgs = new Map<string, string>();
  for (const s of specs) svgs.set(s.id, await renderSvg(s.spec));
  const clinicalIds = new Set(model.clinical ? clinicalSpecs(model.clinical).map((s) => s.id) : []);
  const charts = specs.filter((s) => !s.id.startsWith('table-') && !clinicalIds.has(s.id));
  const tables = specs.filter((s) => s.id.startsWith('table-') && !clinicalIds.has(s.id));
  const csv = runsCsv([model]);
  const csvHref = `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
  const agreement = agreementTableHtml(model);
  const notes = model.notes.length ? `<ul id="notes">${model.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const e = model.experiment;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(e.title)} - cxr-ablate report</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    pageHeader(model),
    '<main>',
    `<h2 id="results">${escapeHtml(e.thesisTable ? `${e.thesisTable}, reproduced` : 'Results')}</h2>`,
    `<p>One row per level of the ${escapeHtml(e.factor)}; test-split metrics as mean ± sd over the done seeds. The best row (highest mean test ${escapeHtml(metricLabel(e.metrics[0] ?? ''))}) is marked.</p>`,
    mirroredTableHtml(model),
    agreement ? `<h3>Do our conclusions agree with the thesis?</h3>${agreement}` : '',
    ...(e.quotedTables ?? []).map(quotedTableHtml),
    '<h2 id="comparisons">Comparisons</h2>',
    comparisonTableHtml(model),
    // the model's notes say why Welch and not a rank test, what p_adj and the detectable difference mean
    notes ? `<h3>How to read these numbers</h3>${notes}` : '',
    '<h2 id="charts">Charts</h2>',
    ...charts.map((s) => chart(s, svgs.get(s.id)!)),
    ...(model.clinical
      ? [
          clinicalSectionHtml(
            model.clinical,
            specs.filter((s) => clinicalIds.has(s.id)),
            svgs,
          ),
        ]
      : []),
    gradcamSectionHtml(galleries, model.clinical !== null),
    '<h2 id="changes">What each level changes</h2>',
    changesTableHtml(model),
    '<h2 id="vega-tables">The tables as Vega-Lite</h2>',
    ...tables.map((s) => chart(s, svgs.get(s.id)!)),
    '<h2 id="data">Data</h2>',
    `<p><a class="download" download="${escapeHtml(e.name)}-runs.csv" href="${escapeHtml(csvHref)}">Download per-run metrics (CSV)</a></p>`,
    `<p>Every Vega-Lite specification of this page and the per-run data are embedded as JSON: elements <code>${specs.map((s) => `spec-${escapeHtml(s.id)}`).join('</code>, <code>')}</code> and <code>runs-data</code> (read them with <code>JSON.parse(document.getElementById(id).textContent)</code>).</p>`,
    '</main>',
    ...specs.map((s) => `<script type="application/json" id="spec-${escapeHtml(s.id)}">${scriptJson(s.spec)}</script>`),
    `<script type="application/json" id="runs-data">${scriptJson(model.runs)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * A quoted source table: its title, the rows as published, and its source under it.
 *
 * @example quotedTableHtml({ title: 'Per-epoch metrics', source: 'seed 000, Figure 19', columns: ['E'], rows: [[1]] })
 */
export function quotedTableHtml(t: QuotedTable): string {
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(String(v))}</td>`).join('')}</tr>`).join('');
  return `<h3 class="quoted">${escapeHtml(t.title)} (quoted)</h3><table class="quoted"><thead>${head}</thead><tbody>${body}</tbody></table><p class="source">Source: ${escapeHtml(t.source)}</p>`;
}
