/**
 * Precision-recall curves of one level, one panel per label: one line per seed and the
 * prevalence line (the precision of calling every image positive, the PR chance level).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ClinicalModel } from '../clinical-types.ts';
import { COLORS } from '../../specs/spec-config.ts';
import { coordinate, CURVE_UNROLL, curveRows, levelFigures, onlyPart, seedDomain, panelGrid } from './figure-data.ts';

/**
 * The PR spec of `level` (x = recall, y = precision on test). One prevalence line per label (the
 * seeds share the test set; should two differ, each is drawn).
 *
 * @example clinicalPrSpec(model, '90 %').spec.layer.length // 2
 */
export function clinicalPrSpec(model: ClinicalModel, level: string): TopLevelSpec {
  const { figures, labels } = levelFigures(model, level);
  const prevalence = new Map<string, { part: string; label: string; y: number }>();
  for (const f of figures) {
    if (!Number.isFinite(f.prevalence)) continue;
    const y = coordinate(f.prevalence);
    prevalence.set(`${f.label}\u0000${y}`, { part: 'prevalence', label: f.label, y });
  }
  const values = [...figures.flatMap((f) => curveRows(f, f.pr)), ...prevalence.values()];
  const x = { field: 'x', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'recall' };
  const y = { field: 'y', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'precision' };
  return panelGrid(
    `Precision-recall curves on test, ${level} (one line per seed; dashed: prevalence)`,
    values,
    { field: 'label', sort: labels },
    {
      layer: [
        {
          transform: [onlyPart('prevalence')],
          mark: { type: 'rule', color: COLORS.muted, strokeDash: [4, 4], strokeWidth: 1 },
          encoding: { y },
        },
        {
          transform: CURVE_UNROLL,
          mark: { type: 'line', strokeWidth: 1.2 },
          encoding: {
            x,
            y,
            color: { field: 'seed', type: 'nominal', scale: { domain: seedDomain(figures) }, title: 'seed' },
            detail: { field: 'seed', type: 'nominal' },
            order: { field: 'i', type: 'quantitative' },
          },
        },
      ],
    },
  );
}
