/**
 * The experiment page's header: what was run, on what, with which code, when (from the runs' own
 * times - the page carries no time of its own), how far the grid is, and which cells failed and why.
 */
import type { RunStatus } from '@cxr/results';
import type { ReportModel } from '../report-types.ts';
import { escapeHtml } from './escape.ts';

const STATUS_ORDER: RunStatus[] = ['done', 'running', 'pending', 'failed'];

/**
 * A time of the data as 'YYYY-MM-DD HH:MM UTC'.
 *
 * @example utcMinute(0) // '1970-01-01 00:00 UTC'
 */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function list(values: string[]): string {
  return values.length === 0 ? 'none recorded' : values.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ');
}

/** A status badge. */
export function statusBadge(status: RunStatus, text: string = status): string {
  return `<span class="status status-${status}">${escapeHtml(text)}</span>`;
}

/**
 * The header HTML (title, facts, cell status grid, failed runs' errors).
 *
 * @example pageHeader(model) // '<header><h1>Unfreezing ...'
 */
export function pageHeader(model: ReportModel): string {
  const { experiment: e, header: h } = model;
  const span =
    h.firstRunAt === null
      ? 'no run has started'
      : `${utcMinute(h.firstRunAt)} to ${h.lastRunAt === null ? 'still running' : utcMinute(h.lastRunAt)}`;
  const counts = STATUS_ORDER.map((s) => statusBadge(s, `${h.runs[s]} ${s}`)).join(' ');
  const facts: [string, string][] = [
    ['mirrors', e.thesisTable ? escapeHtml(e.thesisTable) : 'an experiment of our own (no thesis table)'],
    ['factor', escapeHtml(e.factor)],
    ['dataset', list(h.datasets)],
    ['backbone', list(h.backbones)],
    ['dataset fingerprint', list(h.datasetFingerprints)],
    ['profile', h.profile === null ? 'not recorded' : `<code>${escapeHtml(h.profile)}</code>`],
    ['backend', list(h.backends)],
    ['code version', list(h.codeVersions)],
    ['runs made', escapeHtml(span)],
    ['runs done', `<strong>${h.runs.done}</strong> of ${h.planned} planned &nbsp; ${counts}`],
  ];
  const failed = model.runs.filter((r) => r.status === 'failed');
  const errors = failed.length
    ? `<h3>Failed runs</h3><ul class="errors">${failed
        .map(
          (r) =>
            `<li>run ${r.runId}, ${escapeHtml(r.level)}, seed ${r.seed} (attempt ${r.attempts}): ${escapeHtml(r.error ?? 'no error recorded')}</li>`,
        )
        .join('')}</ul>`
    : '';
  return [
    '<header>',
    `<h1>${escapeHtml(e.title)}</h1>`,
    e.description ? `<p class="lede">${escapeHtml(e.description)}</p>` : '',
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    cellGrid(model),
    errors,
    '</header>',
  ].join('\n');
}

/** Levels down, seeds across, each cell's status (several runs of one cell are listed in order). */
function cellGrid(model: ReportModel): string {
  const seeds = [...new Set(model.runs.map((r) => r.seed))].sort((a, b) => a - b);
  if (seeds.length === 0) return '<p>No run is registered yet.</p>';
  const head = `<tr><th>level</th>${seeds.map((s) => `<th>seed ${s}</th>`).join('')}</tr>`;
  const rows = model.levels.map((l) => {
    const cells = seeds.map((s) => {
      const runs = model.runs.filter((r) => r.level === l.label && r.seed === s);
      return `<td>${runs.length ? runs.map((r) => statusBadge(r.status)).join(' ') : '<span class="status">not registered</span>'}</td>`;
    });
    return `<tr><td>${escapeHtml(l.label)}</td>${cells.join('')}</tr>`;
  });
  return `<h3>Cells</h3><table class="cells"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}
