/**
 * TEMPORARY: helper "stats" of issue 16 writes the clinical section's Vega-Lite specs (ROC with
 * operating points, PR with prevalence, probability histograms, reliability diagrams) in this
 * folder; until it lands, clinicalSpecs returns none, so the page shows the tables only.
 */
import type { NamedSpec } from '../../specs/report-specs.ts';
import type { ClinicalModel } from '../clinical-types.ts';

/**
 * The clinical section's specs (TEMPORARY stand-in: none).
 *
 * @example clinicalSpecs(model) // []
 */
export function clinicalSpecs(model: ClinicalModel): NamedSpec[] {
  void model;
  return [];
}
