/**
 * Reliability diagrams of one level, one panel per label: the observed positive fraction against
 * the mean predicted probability of each non-empty bin, one line per seed, the diagonal of perfect
 * calibration, and the expected calibration error in the panel title.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ClinicalModel, LabelFigures } from '../clinical-types.ts';
import { fixed, meanSd } from '../../format.ts';
import { COLORS } from '../../specs/spec-config.ts';
import { coordinate, levelFigures, onlyPart, seedDomain, panelGrid } from './figure-data.ts';

/** A label's panel title: the label and its ECE (mean ± sd over seeds when there are several). */
export function reliabilityPanelTitle(label: string, figures: readonly LabelFigures[]): string {
  const ece = figures.filter((f) => f.label === label && Number.isFinite(f.ece)).map((f) => f.ece);
  if (ece.length === 0) return `${label} (ECE –)`;
  const mean = ece.reduce((a, b) => a + b, 0) / ece.length;
  if (ece.length === 1) return `${label} (ECE ${fixed(mean)})`;
  const sd = Math.sqrt(ece.reduce((a, b) => a + (b - mean) ** 2, 0) / (ece.length - 1));
  return `${label} (ECE ${meanSd({ mean, sd })})`;
}

/**
 * The reliability spec of `level`; the number of bins is the model's `eceBins`.
 *
 * @example clinicalReliabilitySpec(model, '90 %').facet // { field: 'panel', sort: ['cardiomegaly (ECE 0.041 ± 0.004)', ...] }
 */
export function clinicalReliabilitySpec(model: ClinicalModel, level: string): TopLevelSpec {
  const { figures, labels } = levelFigures(model, level);
  const panels = new Map(labels.map((l) => [l, reliabilityPanelTitle(l, figures)]));
  const values = [
    ...labels.flatMap((l) => [0, 1].map((v) => ({ part: 'chance', panel: panels.get(l)!, x: v, y: v }))),
    ...figures.flatMap((f) =>
      f.reliability
        .filter((b) => b.count > 0 && Number.isFinite(b.meanPredicted) && Number.isFinite(b.observed))
        .map((b) => ({
          part: 'bin',
          panel: panels.get(f.label)!,
          seed: f.seed,
          x: coordinate(b.meanPredicted),
          y: coordinate(b.observed),
          count: b.count,
        })),
    ),
  ];
  const x = { field: 'x', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'mean predicted probability' };
  const y = { field: 'y', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'observed positive fraction' };
  return panelGrid(
    `Reliability on test, ${level} (${model.eceBins} equal-width bins, one line per seed; ECE in each title)`,
    values,
    { field: 'panel', sort: labels.map((l) => panels.get(l)!) },
    {
      layer: [
        {
          transform: [onlyPart('chance')],
          mark: { type: 'line', color: COLORS.muted, strokeDash: [4, 4], strokeWidth: 1 },
          encoding: { x, y },
        },
        {
          transform: [onlyPart('bin')],
          mark: { type: 'line', strokeWidth: 1, point: { size: 14 } },
          encoding: {
            x,
            y,
            color: { field: 'seed', type: 'nominal', scale: { domain: seedDomain(figures) }, title: 'seed' },
            detail: { field: 'seed', type: 'nominal' },
            order: { field: 'x', type: 'quantitative' },
          },
        },
      ],
    },
  );
}
