/**
 * The per-label test AUC-ROC heat map: labels down, levels across, the mean printed in each cell.
 */
import type { TopLevelSpec } from 'vega-lite';
import { fixed } from '../format.ts';
import type { ReportModel } from '../report-types.ts';
import { SPEC_CONFIG } from './spec-config.ts';

/**
 * The heat-map spec; cell text is the mean with three decimals (the same digits as the tables).
 *
 * @example labelHeatmapSpec(model).layer[1].mark // { type: 'text', ... }
 */
export function labelHeatmapSpec(model: ReportModel): TopLevelSpec {
  const levelOrder = model.levels.map((l) => l.label).filter((l) => model.labelAuc.some((c) => c.level === l));
  const labelOrder = [...new Set(model.labelAuc.map((c) => c.label))];
  const values = model.labelAuc.map((c) => ({
    level: c.level,
    label: c.label,
    mean: c.summary.mean,
    sd: c.summary.sd,
    n: c.summary.n,
    text: fixed(c.summary.mean),
  }));
  const x = { field: 'level', type: 'nominal' as const, sort: levelOrder, axis: { orient: 'top' as const, labelAngle: 0 }, title: null };
  const y = { field: 'label', type: 'nominal' as const, sort: labelOrder, title: null };
  return {
    title: 'Test AUC-ROC per label (mean over seeds)',
    config: SPEC_CONFIG,
    // a column as wide as its level name (about 7 px a character), so the top labels never overlap
    width: { step: Math.max(64, ...levelOrder.map((l) => 7 * l.length + 12)) },
    height: { step: 24 },
    data: { values },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x,
          y,
          color: { field: 'mean', type: 'quantitative', scale: { scheme: 'blues', domain: [0.5, 1], clamp: true }, title: 'AUC-ROC' },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          x,
          y,
          text: { field: 'text', type: 'nominal' },
          color: { condition: { test: 'datum.mean > 0.8', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
