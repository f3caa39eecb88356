/**
 * The Vega-Lite specs of the clinical section: for every level with figures, ROC, PR, probability
 * histogram and reliability panels per label, drawn only from ClinicalModel.figures (data inline).
 */
import type { ClinicalModel } from '../clinical-types.ts';
import type { NamedSpec } from '../../specs/report-specs.ts';
import { clinicalHistogramSpec } from './histogram-spec.ts';
import { levelIdParts } from './level-ids.ts';
import { clinicalPrSpec } from './pr-spec.ts';
import { clinicalReliabilitySpec } from './reliability-spec.ts';
import { clinicalRocSpec } from './roc-spec.ts';

/**
 * The clinical specs in page order, four per level ('roc-', 'pr-', 'hist-', 'reliability-' and the
 * level's id part, see levelIdParts: letters, digits and dashes, unique per level), levels in
 * model order; a level without figures has none.
 *
 * @example clinicalSpecs(model).map((s) => s.id) // ['roc-90-pct', 'pr-90-pct', 'hist-90-pct', 'reliability-90-pct']
 */
export function clinicalSpecs(model: ClinicalModel): NamedSpec[] {
  const levels = model.levels.filter((level) => model.figures.some((f) => f.level === level));
  const ids = levelIdParts(levels);
  return levels.flatMap((level) => {
    const id = ids.get(level)!;
    return [
      { id: `roc-${id}`, title: `ROC curves ${level}`, spec: clinicalRocSpec(model, level) },
      { id: `pr-${id}`, title: `precision-recall curves ${level}`, spec: clinicalPrSpec(model, level) },
      { id: `hist-${id}`, title: `probability histograms ${level}`, spec: clinicalHistogramSpec(model, level) },
      { id: `reliability-${id}`, title: `reliability diagrams ${level}`, spec: clinicalReliabilitySpec(model, level) },
    ];
  });
}
