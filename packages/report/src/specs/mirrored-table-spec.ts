/**
 * The table that mirrors the thesis table as a Vega-Lite spec: one row per level with its regime,
 * parameters, each metric's mean ± sd (and the thesis' numbers beside ours where published) and
 * seeds done; the best row highlighted.
 */
import { metricLabel } from '../render/metric-label.ts';
import { DIGITS } from '../render/table-cells.ts';
import type { TopLevelSpec } from 'vega-lite';
import { fixed, meanSd } from '../format.ts';
import type { LevelRow, ReportModel } from '../report-types.ts';
import { gridTableSpec, type GridCell } from './table-grid-spec.ts';

/** A column of the mirrored table: its heading and how a level row prints in it. */
export interface MirroredColumn {
  heading: string;
  cell: (row: LevelRow) => string;
}

/**
 * The mirrored table's columns for `model` (shared by the HTML table and the Vega-Lite table):
 * level, regime, parameters when the thesis table has them, per metric ours and - where any level
 * carries it - the thesis', then seeds done.
 *
 * @example mirroredColumns(model).map((c) => c.heading) // ['level', 'regime', 'trainable params (M)', 'AUC-ROC', ...]
 */
export function mirroredColumns(model: ReportModel): MirroredColumn[] {
  const columns: MirroredColumn[] = [
    { heading: 'level', cell: (r) => r.label },
    { heading: 'regime', cell: (r) => r.regime },
  ];
  const params = model.experiment.paramsColumn;
  if (params !== null) columns.push({ heading: `${params} params (M)`, cell: (r) => fixed(r.paramsMillions, DIGITS.params) });
  for (const metric of model.experiment.metrics) {
    columns.push({ heading: metricLabel(metric), cell: (r) => meanSd(r.metrics[metric]) });
    if (model.levels.some((l) => l.published?.[metric] !== undefined)) {
      columns.push({ heading: `${metricLabel(metric)} (thesis)`, cell: (r) => meanSd(r.published?.[metric]) });
    }
  }
  columns.push({ heading: 'seeds done', cell: (r) => `${r.seedsDone}/${r.seedsPlanned}` });
  return columns;
}

/**
 * The mirrored table spec.
 *
 * @example mirroredTableSpec(model).title // 'Table 2 as reproduced: ...'
 */
export function mirroredTableSpec(model: ReportModel): TopLevelSpec {
  const columns = mirroredColumns(model);
  const cells: GridCell[] = model.levels.flatMap((row, i) =>
    columns.map((c) => ({ row: i, column: c.heading, text: c.cell(row), mark: row.best })),
  );
  const title = `${model.experiment.thesisTable ? `${model.experiment.thesisTable} as reproduced` : 'Results'}: ${model.experiment.title}`;
  return gridTableSpec(
    title,
    columns.map((c) => c.heading),
    cells,
  );
}
