/** A report as GitHub Markdown: the mirrored table, the comparison table and the notes. */
import type { ComparisonRow, ReportModel } from '../report-types.ts';
import { clinicalMarkdown } from './clinical-markdown.ts';
import { metricLabel } from './metric-label.ts';
import { ciLevel, levelTableShape, comparisonCells, correctionName, DIGITS, fixed, meanSd } from './table-cells.ts';

const DASH = '—';

/**
 * GitHub Markdown for one experiment: a heading, the table mirroring the thesis table (level,
 * regime, parameters in millions, each metric as mean ± sd with the best of each column in bold,
 * seeds done / planned, and the thesis' published mean ± sd beside ours where given), the
 * comparison table (difference and its CI, |t|, df, t*, p, p_adj, verdict, Hedges' g, minimum
 * detectable difference, seeds needed, the thesis' p and the agreement), and the notes as a list.
 * With a clinical section, Tables 9 and 10 follow (clinicalMarkdown). A pure function of the model: the same model gives the same text.
 *
 * @example renderMarkdown(model).split('\n')[0] // '## Fraction of backbone layers unfrozen (fixture)'
 */
export function renderMarkdown(model: ReportModel): string {
  const lines = [`## ${inline(model.experiment.title)}`, ''];
  const about = [model.experiment.thesisTable ? `Mirrors thesis ${model.experiment.thesisTable}.` : null, describeRuns(model)].filter(
    Boolean,
  );
  lines.push(about.join(' '), '', ...levelTable(model), '');
  if (model.comparisons.length > 0) {
    lines.push(
      `### Comparisons`,
      '',
      ...comparisonTable(model),
      '',
      `Welch's two-sided t-test on the per-seed values; p_adj by ${correctionName(model.correction)} over the experiment's comparisons; significant: p_adj < ${model.alpha}.`,
      '',
    );
  }
  if (model.notes.length > 0) lines.push('### Notes', '', ...model.notes.map((n) => `- ${inline(n)}`), '');
  if (model.clinical) lines.push(...clinicalMarkdown(model.clinical));
  return lines.join('\n');
}

function describeRuns(model: ReportModel): string {
  const r = model.header.runs;
  return `Runs: ${r.done} done, ${r.running} running, ${r.pending} pending, ${r.failed} failed of ${model.header.planned} planned.`;
}

function levelTable(model: ReportModel): string[] {
  const { levels } = model;
  const { metrics, withRegime, params, published, best } = levelTableShape(model);
  const header = [
    'Level',
    ...(withRegime ? ['Regime'] : []),
    ...(params ? [`Params (M, ${params})`] : []),
    ...metrics.map(metricLabel),
    'Seeds done',
    ...published.map((m) => `Thesis ${metricLabel(m)}`),
  ];
  const align = header.map((_, i) => (i === 0 || (withRegime && i === 1) ? ':--' : '--:'));
  const rows = levels.map((l, i) => [
    inline(l.label),
    ...(withRegime ? [inline(l.regime)] : []),
    ...(params ? [fixed(l.paramsMillions, DIGITS.params) || DASH] : []),
    ...metrics.map((m) => summaryCell(l.metrics[m], best[m] === i)),
    `${l.seedsDone}/${l.seedsPlanned}`,
    ...published.map((m) => {
      const p = l.published?.[m];
      return p ? `${fixed(p.mean, DIGITS.mean)} ± ${fixed(p.sd, DIGITS.mean)}` : DASH;
    }),
  ]);
  return [header, align, ...rows].map(tableRow);
}

function summaryCell(summary: Parameters<typeof meanSd>[0], bold: boolean): string {
  const s = meanSd(summary);
  if (!s) return DASH;
  const text = s.sd === '' ? `${s.mean} (n = ${summary!.n})` : `${s.mean} ± ${s.sd}`;
  return bold ? `**${text}**` : text;
}

function comparisonTable(model: ReportModel): string[] {
  const withPublished = model.comparisons.some((c) => c.published !== null);
  const header = [
    'A',
    'B',
    'Metric',
    'Difference (A − B)',
    `${ciLevel(model.alpha)} CI`,
    '\\|t\\|',
    'df',
    't*',
    'p',
    'p_adj',
    'Verdict',
    "Hedges' g",
    'Min. detectable',
    'Seeds needed',
    ...(withPublished ? ['Thesis p', 'Agrees with thesis'] : []),
  ];
  const align = header.map((_, i) => (i < 3 || i === 10 ? ':--' : '--:'));
  const rows = model.comparisons.map((c) => {
    const n = comparisonCells(c);
    const or = (s: string) => s || DASH;
    return [
      inline(c.a),
      inline(c.b),
      metricLabel(c.metric),
      or(n.difference),
      n.ciLow ? `[${n.ciLow}, ${n.ciHigh}]` : DASH,
      or(n.t),
      or(n.df),
      or(n.tCritical),
      or(n.p),
      c.significant ? `**${n.pAdjusted}**` : or(n.pAdjusted),
      inline(c.notComputable === null ? c.verdict : `not computable: ${c.notComputable}`),
      or(n.hedgesG),
      or(n.minimumDetectable),
      or(n.seedsNeeded),
      ...(withPublished ? [c.published ? String(c.published.p) : DASH, agreement(c)] : []),
    ];
  });
  return [header, align, ...rows].map(tableRow);
}

function agreement(c: ComparisonRow): string {
  if (!c.agreement) return DASH;
  const direction = c.agreement.sameDirection ? 'same direction' : 'opposite direction';
  const verdict = c.agreement.sameVerdict ? 'same verdict' : 'other verdict';
  return `${direction}, ${verdict}`;
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Text safe inside a table cell or list item: one line, pipes escaped. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
