/**
 * Every Vega-Lite spec of an experiment page, keyed by a stable id (used as the embedded JSON's
 * element id and as the file stem when specs are saved).
 */
import type { TopLevelSpec } from 'vega-lite';
import { clinicalSpecs } from '../clinical/specs/clinical-specs.ts';
import type { ReportModel } from '../report-types.ts';
import { comparisonTableSpec } from './comparison-table-spec.ts';
import { curvesSpec } from './curves-spec.ts';
import { forestSpec } from './forest-spec.ts';
import { labelHeatmapSpec } from './label-heatmap-spec.ts';
import { metricDotsSpec } from './metric-dots-spec.ts';
import { mirroredTableSpec } from './mirrored-table-spec.ts';

/** One named spec of a page. */
export interface NamedSpec {
  id: string;
  title: string;
  spec: TopLevelSpec;
}

/**
 * The page's specs in page order: one dot chart per metric, the forest plot (when any comparison
 * was computed), the curves (when any), the heat map (when any), the two table specs, then the
 * clinical section's figures (clinicalSpecs) when the model has one.
 *
 * @example reportSpecs(model).map((s) => s.id) // ['dots-macro_auc_roc', 'dots-macro_pr_auc', 'forest', 'curves', 'label-auc', 'table-mirrored', 'table-comparisons']
 */
export function reportSpecs(model: ReportModel): NamedSpec[] {
  const specs: NamedSpec[] = model.experiment.metrics.map((m) => ({ id: `dots-${m}`, title: `dots ${m}`, spec: metricDotsSpec(model, m) }));
  if (model.comparisons.some((c) => c.notComputable === null)) specs.push({ id: 'forest', title: 'forest plot', spec: forestSpec(model) });
  if (model.curves.length > 0) specs.push({ id: 'curves', title: 'validation curves', spec: curvesSpec(model) });
  if (model.labelAuc.length > 0) specs.push({ id: 'label-auc', title: 'per-label AUC-ROC', spec: labelHeatmapSpec(model) });
  specs.push({ id: 'table-mirrored', title: 'mirrored table', spec: mirroredTableSpec(model) });
  if (model.comparisons.length > 0) specs.push({ id: 'table-comparisons', title: 'comparison table', spec: comparisonTableSpec(model) });
  if (model.clinical) specs.push(...clinicalSpecs(model.clinical));
  return specs;
}
