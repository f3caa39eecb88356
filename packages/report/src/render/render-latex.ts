/** A report as LaTeX booktabs table fragments, ready for \input inside a table environment. */
import type { ReportModel } from '../report-types.ts';
import { clinicalLatex } from './clinical-latex.ts';
import { latexEscape } from './latex-escape.ts';
import { metricLabel } from './metric-label.ts';
import { ciLevel, levelTableShape, comparisonCells, correctionName, DIGITS, fixed, meanSd } from './table-cells.ts';

const DASH = '--';

/**
 * Two booktabs tabular fragments for one experiment (needs \usepackage{booktabs}): the table
 * mirroring the thesis table (each metric as mean $\pm$ sd, the best of each column in \textbf,
 * seeds done, published values beside ours where given) and the comparison table (difference, CI,
 * |t|, df, t*, p, p_adj with a $^{*}$ mark where significant, Hedges' g, minimum detectable
 * difference, seeds needed), whose last row is the footnote naming Welch's test and the
 * correction; with a clinical section, Tables 9 and 10 follow (clinicalLatex). Labels are escaped (latexEscape). A pure function of the model.
 *
 * @example renderLatex(model).includes('\\toprule') // true
 */
export function renderLatex(model: ReportModel): string {
  const parts = [
    `% ${oneLine(model.experiment.title)}${model.experiment.thesisTable ? ` (thesis ${oneLine(model.experiment.thesisTable)})` : ''}`,
    ...levelTable(model),
  ];
  if (model.comparisons.length > 0) parts.push('', `% Comparisons: ${oneLine(model.experiment.name)}`, ...comparisonTable(model));
  if (model.clinical) parts.push('', ...clinicalLatex(model.clinical));
  return `${parts.join('\n')}\n`;
}

function levelTable(model: ReportModel): string[] {
  const { levels } = model;
  const { metrics, withRegime, params, published, best } = levelTableShape(model);
  const header = [
    'Level',
    ...(withRegime ? ['Regime'] : []),
    ...(params ? [`Params (M, ${params})`] : []),
    ...metrics.map((m) => latexEscape(metricLabel(m))),
    'Seeds',
    ...published.map((m) => `Thesis ${latexEscape(metricLabel(m))}`),
  ];
  const spec = ['l', ...(withRegime ? ['l'] : []), ...(params ? ['r'] : []), ...metrics.map(() => 'c'), 'r', ...published.map(() => 'c')];
  const rows = levels.map((l, i) => [
    latexEscape(l.label),
    ...(withRegime ? [latexEscape(l.regime)] : []),
    ...(params ? [fixed(l.paramsMillions, DIGITS.params) || DASH] : []),
    ...metrics.map((m) => {
      const s = meanSd(l.metrics[m]);
      if (!s) return DASH;
      const bold = (x: string) => (best[m] === i ? `\\textbf{${x}}` : x);
      return s.sd === '' ? `${bold(s.mean)} ($n = ${l.metrics[m]!.n}$)` : `${bold(s.mean)} $\\pm$ ${bold(s.sd)}`;
    }),
    `${l.seedsDone}/${l.seedsPlanned}`,
    ...published.map((m) => {
      const p = l.published?.[m];
      return p ? `${fixed(p.mean, DIGITS.mean)} $\\pm$ ${fixed(p.sd, DIGITS.mean)}` : DASH;
    }),
  ]);
  return tabular(spec, header, rows);
}

function comparisonTable(model: ReportModel): string[] {
  const header = [
    'A',
    'B',
    'Metric',
    '$\\Delta$ (A $-$ B)',
    `${latexEscape(ciLevel(model.alpha))} CI`,
    '$|t|$',
    'df',
    '$t^{*}$',
    '$p$',
    '$p_{adj}$',
    "Hedges' $g$",
    'MDD',
    'Seeds needed',
  ];
  const spec = ['l', 'l', 'l', ...header.slice(3).map(() => 'r')];
  const rows = model.comparisons.map((c) => {
    const n = comparisonCells(c);
    const math = (s: string) => (s ? `$${s.replace('< ', '<')}$` : DASH);
    return [
      latexEscape(c.a),
      latexEscape(c.b),
      latexEscape(metricLabel(c.metric)),
      math(n.difference),
      n.ciLow ? `$[${n.ciLow}, ${n.ciHigh}]$` : DASH,
      math(n.t),
      math(n.df),
      math(n.tCritical),
      math(n.p),
      n.pAdjusted ? `$${n.pAdjusted.replace('< ', '<')}${c.significant ? '^{*}' : ''}$` : DASH,
      math(n.hedgesG),
      math(n.minimumDetectable),
      n.seedsNeeded || DASH,
    ];
  });
  const family = model.comparisons.filter((c) => c.notComputable === null).length;
  const footnote =
    `$^{*}$ $p_{adj} < ${model.alpha}$: Welch's two-sided $t$-test on the per-seed values, ` +
    `$p$ adjusted by ${correctionName(model.correction)} over the experiment's ${family} computable comparisons; ` +
    `MDD: smallest difference detectable with power 0.8; ${DASH}: not computable (fewer than two done runs in an arm).`;
  return tabular(spec, header, rows, `\\multicolumn{${spec.length}}{l}{\\footnotesize ${footnote}} \\\\`);
}

function tabular(spec: readonly string[], header: readonly string[], rows: readonly (readonly string[])[], after?: string): string[] {
  return [
    `\\begin{tabular}{${spec.join('')}}`,
    '\\toprule',
    `${header.join(' & ')} \\\\`,
    '\\midrule',
    ...rows.map((r) => `${r.join(' & ')} \\\\`),
    '\\bottomrule',
    ...(after ? [after] : []),
    '\\end{tabular}',
  ];
}

/** A comment line must stay one line. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}
