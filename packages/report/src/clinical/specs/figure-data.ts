/**
 * What the four clinical figures share: the figures of one level, its label order, the facet
 * layout (five panels a row, thesis Figure 4) and the rounding of inline coordinates.
 */
import type { ClinicalModel, LabelFigures } from '../clinical-types.ts';
import type { TopLevelSpec } from 'vega-lite';
import { SPEC_CONFIG } from '../../specs/spec-config.ts';

/** Panels per row and their size in pixels. */
export const FACET = { columns: 5, width: 150, height: 150 } as const;

/**
 * Coordinates in the inline data keep 4 decimals: 1e-4 of a 150 px panel is far below a pixel,
 * and the page (specs are embedded as JSON) stays small.
 */
export function coordinate(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** The figures of one level in model order, and its labels in first-seen order. */
export function levelFigures(model: ClinicalModel, level: string): { figures: LabelFigures[]; labels: string[] } {
  const figures = model.figures.filter((f) => f.level === level);
  return { figures, labels: [...new Set(figures.map((f) => f.label))] };
}

/** The seeds of these figures, ascending (the colour domain, the same in every panel). */
export function seedDomain(figures: readonly LabelFigures[]): number[] {
  return [...new Set(figures.map((f) => f.seed))].sort((a, b) => a - b);
}

/** The chance diagonal (0, 0)-(1, 1) of every label, as rows of the inline data. */
export function diagonalRows(labels: readonly string[]): { part: 'chance'; label: string; x: number; y: number; i: number }[] {
  return labels.flatMap((label) => [0, 1].map((v) => ({ part: 'chance' as const, label, x: v, y: v, i: v })));
}

/**
 * One row per curve (label, seed) holding its coordinates as parallel arrays: the page embeds
 * every spec as JSON, and arrays cost about a fifth of one object per point. The curve layer
 * unrolls them with CURVE_UNROLL. Points with a NaN coordinate are dropped (a label without both
 * classes has no curve); a curve left with no point gives no row.
 */
export function curveRows(
  f: LabelFigures,
  points: readonly { x: number; y: number }[],
): { part: 'curve'; label: string; seed: number; x: number[]; y: number[] }[] {
  const drawn = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (drawn.length === 0) return [];
  return [{ part: 'curve', label: f.label, seed: f.seed, x: drawn.map((p) => coordinate(p.x)), y: drawn.map((p) => coordinate(p.y)) }];
}

/**
 * Unrolls curveRows into one datum per point, numbered along the curve (`i`, the line order: a
 * ROC curve has vertical runs where x alone cannot order it).
 */
export const CURVE_UNROLL = [
  { filter: "datum.part === 'curve'" },
  { flatten: ['x', 'y'] },
  { window: [{ op: 'row_number' as const, as: 'i' }], groupby: ['label', 'seed'] },
];

/** Keeps only the rows of one part (each layer draws one part of the shared facet data). */
export function onlyPart(part: string): { filter: string } {
  return { filter: `datum.part === ${JSON.stringify(part)}` };
}

/**
 * The frame every clinical figure shares: one panel per label (FACET.columns across, FACET.width
 * wide, `height` tall) around `panel`, the per-panel spec (layers or one mark with its encoding).
 *
 * @example panelGrid('ROC curves', rows, { field: 'label', sort: labels }, { layer: [...] })
 */
export function panelGrid(
  title: string,
  values: object[],
  facet: { field: string; sort: string[] },
  panel: Record<string, unknown>,
  height: number = FACET.height,
): TopLevelSpec {
  return {
    title,
    config: SPEC_CONFIG,
    data: { values },
    facet: { field: facet.field, type: 'nominal', sort: facet.sort, title: null },
    columns: FACET.columns,
    spec: { width: FACET.width, height, ...panel },
  } as TopLevelSpec;
}
