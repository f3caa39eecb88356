/**
 * ROC curves of one level, one panel per label (thesis Figure 4): one line per seed, the chance
 * diagonal, and both operating points (validation thresholds applied to test) marked by shape.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ClinicalModel } from '../clinical-types.ts';
import { COLORS } from '../../specs/spec-config.ts';
import { coordinate, CURVE_UNROLL, curveRows, diagonalRows, levelFigures, onlyPart, seedDomain, panelGrid } from './figure-data.ts';

/** Legend text of the two operating points, from the model's targets. */
export function operatingPointNames(model: ClinicalModel): { sens: string; spec: string } {
  const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
  return {
    sens: `sensitivity ≥ ${pct(model.targets.sensitivity)} on validation`,
    spec: `specificity ≥ ${pct(model.targets.specificity)} on validation`,
  };
}

/**
 * The ROC spec of `level` (x = FPR, y = TPR on test); operating points with a NaN coordinate are
 * left out, like the curves of a label without both classes.
 *
 * @example clinicalRocSpec(model, '90 %').facet // { field: 'label', ... }
 */
export function clinicalRocSpec(model: ClinicalModel, level: string): TopLevelSpec {
  const { figures, labels } = levelFigures(model, level);
  const names = operatingPointNames(model);
  const points = figures.flatMap((f) =>
    f.operatingPoints
      .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
      .map((p) => ({ part: 'op', label: f.label, seed: f.seed, x: coordinate(p.x), y: coordinate(p.y), kind: names[p.kind] })),
  );
  const values = [...diagonalRows(labels), ...figures.flatMap((f) => curveRows(f, f.roc)), ...points];
  const x = { field: 'x', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'false-positive rate' };
  const y = { field: 'y', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'true-positive rate' };
  const color = { field: 'seed', type: 'nominal' as const, scale: { domain: seedDomain(figures) }, title: 'seed' };
  return panelGrid(
    `ROC curves on test, ${level} (one line per seed; operating points at the validation thresholds)`,
    values,
    { field: 'label', sort: labels },
    {
      layer: [
        {
          transform: [onlyPart('chance')],
          mark: { type: 'line', color: COLORS.muted, strokeDash: [4, 4], strokeWidth: 1 },
          encoding: { x, y, order: { field: 'i', type: 'quantitative' } },
        },
        {
          transform: CURVE_UNROLL,
          mark: { type: 'line', strokeWidth: 1.2 },
          encoding: { x, y, color, detail: { field: 'seed', type: 'nominal' }, order: { field: 'i', type: 'quantitative' } },
        },
        {
          transform: [onlyPart('op')],
          mark: { type: 'point', filled: true, size: 40, stroke: COLORS.ink, strokeWidth: 0.5 },
          encoding: {
            x,
            y,
            color,
            shape: {
              field: 'kind',
              type: 'nominal',
              scale: { domain: [names.sens, names.spec], range: ['triangle-up', 'square'] },
              title: 'operating point',
            },
          },
        },
      ],
    },
  );
}
