/**
 * Validation curves per epoch: validation macro AUC-ROC and validation loss side by side, one
 * thin line per run (seed), coloured by level.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../report-types.ts';
import { SPEC_CONFIG } from './spec-config.ts';

const AUC = 'validation AUC-ROC';
const LOSS = 'validation loss';

/**
 * The curves spec; epochs without a value (no validation loss) are left out.
 *
 * @example curvesSpec(model).facet // { column: { field: 'measure', ... } }
 */
export function curvesSpec(model: ReportModel): TopLevelSpec {
  const order = model.levels.map((l) => l.label);
  const values = model.curves.flatMap((c) =>
    c.points.flatMap((p) => {
      const auc = p.metrics['macro_auc_roc'];
      const rows: { level: string; seed: number; run: number; epoch: number; measure: string; value: number }[] = [];
      if (auc !== undefined && Number.isFinite(auc))
        rows.push({ level: c.level, seed: c.seed, run: c.runId, epoch: p.epoch, measure: AUC, value: auc });
      if (p.valLoss !== null && Number.isFinite(p.valLoss))
        rows.push({ level: c.level, seed: c.seed, run: c.runId, epoch: p.epoch, measure: LOSS, value: p.valLoss });
      return rows;
    }),
  );
  return {
    title: 'Validation curves per epoch (one line per seed)',
    config: SPEC_CONFIG,
    data: { values },
    facet: { column: { field: 'measure', type: 'nominal', sort: [AUC, LOSS], title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 300,
      height: 200,
      mark: { type: 'line', strokeWidth: 1, point: { size: 12 } },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: null },
        color: { field: 'level', type: 'nominal', sort: order, scale: { domain: order }, title: 'level' },
        detail: { field: 'run', type: 'nominal' },
        order: { field: 'epoch', type: 'quantitative' },
      },
    },
  };
}
