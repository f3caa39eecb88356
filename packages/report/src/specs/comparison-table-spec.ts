/**
 * The comparison table as a Vega-Lite spec: per planned comparison the difference, its interval,
 * the test's numbers and the verdict; significant rows highlighted.
 */
import type { TopLevelSpec } from 'vega-lite';
import { MISSING } from '../format.ts';
import { ciLevel, comparisonCells, correctionName } from '../render/table-cells.ts';
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
  // the digits are those of the Markdown and LaTeX tables (comparisonCells); '' there is a dash here
  const cell = (pick: (c: ReturnType<typeof comparisonCells>) => string) => (row: ComparisonRow) => pick(comparisonCells(row)) || MISSING;
  return [
    { heading: 'comparison (a − b)', cell: (c) => comparisonLabel(c) },
    { heading: 'difference', cell: cell((c) => c.difference) },
    { heading: `${ciLevel(model.alpha)} CI`, cell: cell((c) => (c.ciLow ? `[${c.ciLow}, ${c.ciHigh}]` : '')) },
    { heading: '|t|', cell: cell((c) => c.t) },
    { heading: 'df', cell: cell((c) => c.df) },
    { heading: 't*', cell: cell((c) => c.tCritical) },
    { heading: 'p', cell: cell((c) => c.p) },
    { heading: `p (${model.correction === 'holm' ? 'Holm' : 'BH'})`, cell: cell((c) => c.pAdjusted) },
    { heading: 'verdict', cell: (c) => c.notComputable ?? c.verdict },
    { heading: "Hedges' g", cell: cell((c) => c.hedgesG) },
    { heading: 'min. detectable', cell: cell((c) => c.minimumDetectable) },
    { heading: 'seeds needed', cell: cell((c) => c.seedsNeeded) },
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
  const correction = correctionName(model.correction);
  return gridTableSpec(
    `Planned comparisons (Welch, ${correction}-adjusted)`,
    columns.map((c) => c.heading),
    cells,
  );
}
