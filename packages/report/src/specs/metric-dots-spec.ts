/**
 * Per metric, a dot-and-interval chart by level: the mean as a filled dot, mean ± sd as a bar,
 * and every seed's value as an open dot, so a reader sees the three numbers behind each mean.
 */
import { metricLabel } from '../render/metric-label.ts';
import type { TopLevelSpec } from 'vega-lite';
import { ReportArgumentError } from '../errors.ts';

import type { ReportModel } from '../report-types.ts';
import { COLORS, SPEC_CONFIG } from './spec-config.ts';

/**
 * The dot-and-interval spec of `metric` (a name in model.experiment.metrics); levels without done
 * runs keep their row (empty) so the table order stays visible.
 *
 * Throws ReportArgumentError when `metric` is not one of the experiment's metrics.
 *
 * @example metricDotsSpec(model, 'macro_auc_roc').title // { text: 'AUC-ROC by level: mean ± sd and each seed', subtitle: ... }
 */
export function metricDotsSpec(model: ReportModel, metric: string): TopLevelSpec {
  if (!model.experiment.metrics.includes(metric)) {
    throw new ReportArgumentError('metricDotsSpec', 'metric', `one of ${model.experiment.metrics.join(', ')}`, metric);
  }
  const order = model.levels.map((l) => l.label);
  const summaries = model.levels.flatMap((l) => {
    const s = l.metrics[metric];
    return s && Number.isFinite(s.mean)
      ? [
          {
            level: l.label,
            mean: s.mean,
            lo: s.mean - (Number.isFinite(s.sd) ? s.sd : 0),
            hi: s.mean + (Number.isFinite(s.sd) ? s.sd : 0),
            n: s.n,
          },
        ]
      : [];
  });
  const seeds = model.levels.flatMap((l) => {
    const s = l.metrics[metric];
    return s ? s.values.map((value, i) => ({ level: l.label, seed: s.seeds[i] ?? null, value })) : [];
  });
  const name = metricLabel(metric);
  const y = { field: 'level', type: 'nominal' as const, sort: order, scale: { domain: order }, title: null };
  return {
    // the factor goes in the subtitle: a rotated axis title longer than the plot pads the chart
    title: { text: `${name} by level: mean ± sd and each seed`, subtitle: model.experiment.factor },
    width: 420,
    height: 28 * Math.max(1, order.length),
    config: SPEC_CONFIG,
    layer: [
      {
        data: { values: summaries },
        mark: { type: 'rule', strokeWidth: 2, color: COLORS.accent },
        encoding: { y, x: { field: 'lo', type: 'quantitative', scale: { zero: false }, title: `test ${name}` }, x2: { field: 'hi' } },
      },
      {
        data: { values: summaries },
        mark: { type: 'point', filled: true, size: 80, color: COLORS.accent },
        encoding: { y, x: { field: 'mean', type: 'quantitative' } },
      },
      {
        data: { values: seeds },
        mark: { type: 'point', filled: false, size: 40, color: COLORS.ink, strokeWidth: 1 },
        encoding: { y, x: { field: 'value', type: 'quantitative' } },
      },
    ],
  };
}
