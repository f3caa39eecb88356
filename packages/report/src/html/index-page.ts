/**
 * reports/index.html: every experiment with its progress (done of planned runs, running, pending,
 * failed) and its headline (the best level and its primary metric), linking each page. Plain HTML
 * and inline CSS; no chart, so no render is needed.
 */
import { meanSd } from '../format.ts';
import { metricLabel } from '../render/metric-label.ts';
import type { ReportModel } from '../report-types.ts';
import { escapeHtml } from './escape.ts';
import { statusBadge } from './page-header.ts';
import { PAGE_CSS } from './page-style.ts';

/**
 * The file name of an experiment's page in the reports folder.
 *
 * @example experimentPageName('table2-unfreeze') // 'table2-unfreeze.html'
 */
export function experimentPageName(name: string): string {
  return `${name}.html`;
}

function headline(model: ReportModel): string {
  const metric = model.experiment.metrics[0];
  const best = model.levels.find((l) => l.best);
  if (metric === undefined || best === undefined) return 'no done run yet';
  return `${escapeHtml(best.label)}: ${escapeHtml(metricLabel(metric))} ${meanSd(best.metrics[metric])} <span class="muted">(${best.seedsDone} seeds)</span>`;
}

function row(model: ReportModel): string {
  const { experiment: e, header: h } = model;
  const href = encodeURIComponent(experimentPageName(e.name));
  const progress = [
    `<strong>${h.runs.done}</strong>/${h.planned}`,
    h.runs.running ? statusBadge('running', `${h.runs.running} running`) : '',
    h.runs.pending ? statusBadge('pending', `${h.runs.pending} pending`) : '',
    h.runs.failed ? statusBadge('failed', `${h.runs.failed} failed`) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return [
    `<tr data-experiment="${escapeHtml(e.name)}">`,
    `<td><a href="${escapeHtml(href)}">${escapeHtml(e.title)}</a><br><code>${escapeHtml(e.name)}</code></td>`,
    `<td>${e.thesisTable ? escapeHtml(e.thesisTable) : '–'}</td>`,
    `<td>${escapeHtml(e.factor)}</td>`,
    `<td>${progress}</td>`,
    `<td>${headline(model)}</td>`,
    '</tr>',
  ].join('');
}

/**
 * The index page of `models` in the given order. Deterministic: no time of its own.
 *
 * @example renderIndexPage([model]) // '<!DOCTYPE html>...<a href="sample-unfreeze.html">...'
 */
export function renderIndexPage(models: ReportModel[]): string {
  const body = models.length
    ? `<table id="experiments"><thead><tr><th>experiment</th><th>mirrors</th><th>factor</th><th>runs done</th><th>best level (primary metric, mean ± sd)</th></tr></thead><tbody>${models.map(row).join('')}</tbody></table>`
    : '<p>The database holds no experiment yet.</p>';
  const failed = models.reduce((s, m) => s + m.header.runs.failed, 0);
  const done = models.reduce((s, m) => s + m.header.runs.done, 0);
  const planned = models.reduce((s, m) => s + m.header.planned, 0);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>cxr-ablate reports</title>',
    `<style>${PAGE_CSS}.muted { color: var(--muted); }</style>`,
    '</head>',
    '<body>',
    '<h1>Ablation reports</h1>',
    `<p class="lede">${models.length} experiment${models.length === 1 ? '' : 's'}; ${done} of ${planned} planned runs done${failed ? `, ${failed} failed` : ''}. Each page says which differences are significant and how many seeds that took.</p>`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
