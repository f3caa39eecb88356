/**
 * The forest plot of the planned comparisons: each difference a - b with its Welch confidence
 * interval against a zero rule; significant ones (after the correction) drawn in the warning colour.
 */
import { metricLabel } from '../render/metric-label.ts';
import { ciLevel, correctionName } from '../render/table-cells.ts';
import type { TopLevelSpec } from 'vega-lite';

import type { ReportModel } from '../report-types.ts';
import { COLORS, SPEC_CONFIG } from './spec-config.ts';

/** The row label of a comparison in the forest plot and the comparison table. */
export function comparisonLabel(c: { a: string; b: string; metric: string }): string {
  return `${c.a} − ${c.b} (${metricLabel(c.metric)})`;
}

/**
 * The forest-plot spec; comparisons that could not be computed are left out (the table says why).
 *
 * @example forestSpec(model).layer.length // 3: zero rule, intervals, differences
 */
export function forestSpec(model: ReportModel): TopLevelSpec {
  const rows = model.comparisons
    .filter((c) => c.notComputable === null && Number.isFinite(c.difference))
    .map((c) => ({
      comparison: comparisonLabel(c),
      difference: c.difference,
      lo: c.ci[0],
      hi: c.ci[1],
      significant: c.significant ? 'significant' : 'not significant',
      pAdjusted: c.pAdjusted,
    }));
  const order = rows.map((r) => r.comparison);
  const y = { field: 'comparison', type: 'nominal' as const, sort: order, title: null };
  const color = {
    field: 'significant',
    type: 'nominal' as const,
    scale: { domain: ['significant', 'not significant'], range: [COLORS.significant, COLORS.muted] },
    title: `${correctionName(model.correction)}, alpha ${model.alpha}`,
  };
  return {
    title: `Differences of means with ${ciLevel(model.alpha)} Welch confidence intervals`,
    width: 420,
    height: 30 * Math.max(1, order.length),
    config: SPEC_CONFIG,
    data: { values: rows },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: COLORS.ink, strokeDash: [4, 3] },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'difference a − b' }, x2: { field: 'hi' }, color },
      },
      { mark: { type: 'point', filled: true, size: 80 }, encoding: { y, x: { field: 'difference', type: 'quantitative' }, color } },
    ],
  };
}
