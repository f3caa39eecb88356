/**
 * The comparison table as a Vega-Lite spec: per planned comparison the difference, its interval,
 * the test's numbers and the verdict; significant rows highlighted.
 */
import type { TopLevelSpec } from 'vega-lite';
import { MISSING, fixed, pText } from '../format.ts';
import type { ComparisonRow, ReportModel } from '../report-types.ts';
import { comparisonLabel } from './forest-spec.ts';
import { gridTableSpec, type GridCell } from './table-grid-spec.ts';

/** A column of the comparison table: its heading and how a comparison prints in it. */
export interface ComparisonColumn {
  heading: string;
  cell: (row: ComparisonRow) => string;
}

/**
 * The comparison table's columns (shared by the HTML table and the Vega-Lite table).
 *
 * @example comparisonColumns(model)[0].heading // 'comparison (a − b)'
 */
export function comparisonColumns(model: ReportModel): ComparisonColumn[] {
  const level = Math.round((1 - model.alpha) * 100);
  return [
    { heading: 'comparison (a − b)', cell: (c) => comparisonLabel(c) },
    { heading: 'difference', cell: (c) => fixed(c.difference, 4) },
    { heading: `${level} % CI`, cell: (c) => (Number.isFinite(c.ci[0]) ? `[${fixed(c.ci[0], 4)}, ${fixed(c.ci[1], 4)}]` : MISSING) },
    { heading: '|t|', cell: (c) => fixed(c.t, 2) },
    { heading: 'df', cell: (c) => fixed(c.df, 1) },
    { heading: 't*', cell: (c) => fixed(c.tCritical, 2) },
    { heading: 'p', cell: (c) => pText(c.p) },
    { heading: `p (${model.correction === 'holm' ? 'Holm' : 'BH'})`, cell: (c) => pText(c.pAdjusted) },
    { heading: 'verdict', cell: (c) => c.notComputable ?? c.verdict },
    { heading: "Hedges' g", cell: (c) => fixed(c.hedgesG, 2) },
    { heading: 'min. detectable', cell: (c) => fixed(c.minimumDetectable, 4) },
    { heading: 'seeds needed', cell: (c) => (c.seedsNeeded === null ? MISSING : String(c.seedsNeeded)) },
  ];
}

/**
 * The comparison table spec.
 *
 * @example comparisonTableSpec(model).title // 'Planned comparisons (Welch, Holm-adjusted)'
 */
export function comparisonTableSpec(model: ReportModel): TopLevelSpec {
  const columns = comparisonColumns(model);
  const cells: GridCell[] = model.comparisons.flatMap((row, i) =>
    columns.map((c) => ({ row: i, column: c.heading, text: c.cell(row), mark: row.significant })),
  );
  const correction = model.correction === 'holm' ? 'Holm' : 'Benjamini-Hochberg';
  return gridTableSpec(
    `Planned comparisons (Welch, ${correction}-adjusted)`,
    columns.map((c) => c.heading),
    cells,
  );
}
