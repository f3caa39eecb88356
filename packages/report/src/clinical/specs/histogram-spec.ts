/**
 * Histograms of the predicted probability on test for positives and negatives of each label
 * (thesis Figure 5), as relative frequency within each class so a rare finding's positives show.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ClinicalModel } from '../clinical-types.ts';
import { COLORS } from '../../specs/spec-config.ts';
import { coordinate, FACET, levelFigures, panelGrid } from './figure-data.ts';

const CLASSES = ['positives', 'negatives'] as const;

/**
 * The histogram spec of `level`. Seeds are averaged bin by bin: they score the same test images,
 * so the mean of their within-class frequencies is the histogram of all their predictions
 * pooled, and one panel stays readable (three overlaid bar sets would not).
 *
 * @example clinicalHistogramSpec(model, '90 %').spec.mark // { type: 'bar', ... }
 */
export function clinicalHistogramSpec(model: ClinicalModel, level: string): TopLevelSpec {
  const { figures, labels } = levelFigures(model, level);
  const bins = new Map<string, { label: string; lo: number; hi: number; cls: string; sum: number; n: number }>();
  for (const f of figures) {
    for (const b of f.histogram) {
      for (const cls of CLASSES) {
        const key = `${f.label}\u0000${b.lo}\u0000${cls}`;
        const bin = bins.get(key) ?? { label: f.label, lo: coordinate(b.lo), hi: coordinate(b.hi), cls, sum: 0, n: 0 };
        bin.sum += b[cls];
        bin.n++;
        bins.set(key, bin);
      }
    }
  }
  const values = [...bins.values()].map(({ label, lo, hi, cls, sum, n }) => ({
    label,
    lo,
    hi,
    class: cls,
    frequency: coordinate(sum / n),
  }));
  const seeds = new Set(figures.map((f) => f.seed)).size;
  return panelGrid(
    `Predicted probability on test, ${level}: positives vs negatives (relative frequency${seeds > 1 ? `, mean of ${seeds} seeds` : ''})`,
    values,
    { field: 'label', sort: labels },
    {
      mark: { type: 'bar', opacity: 0.55, binSpacing: 0 },
      encoding: {
        x: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1] }, title: 'predicted probability' },
        x2: { field: 'hi' },
        y: { field: 'frequency', type: 'quantitative', stack: null, title: 'relative frequency' },
        y2: { datum: 0 },
        color: {
          field: 'class',
          type: 'nominal',
          scale: { domain: [...CLASSES], range: [COLORS.significant, COLORS.accent] },
          title: null,
        },
      },
    },
    FACET.height * 0.7,
  );
}
