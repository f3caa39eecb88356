/**
 * The text of every number cell the Markdown and LaTeX tables share, so both print the same
 * digits: means and sds with 3 decimals (the thesis' precision), differences 4, |t|, df, t* and g 2.
 */
import { formatP } from '../model/format-p.ts';
import type { ComparisonRow, LevelRow, MetricSummary, ReportModel } from '../report-types.ts';
import { bestIndex } from '../model/level-rows.ts';

/** Decimals of each kind of number. */
export const DIGITS = { mean: 3, difference: 4, statistic: 2, params: 2 } as const;

/** A finite number with `digits` decimals; '' for NaN or null (the renderer prints its own dash). */
export function fixed(x: number | null, digits: number): string {
  return x === null || !Number.isFinite(x) ? '' : x.toFixed(digits);
}

/** mean and sd as text parts ('' sd for n = 1); null for no summary. */
export function meanSd(s: MetricSummary | null | undefined): { mean: string; sd: string } | null {
  if (!s) return null;
  return { mean: fixed(s.mean, DIGITS.mean), sd: fixed(s.sd, DIGITS.mean) };
}

/** For each metric, the index of the level row with the best mean (-1 when none has one). */
export function bestRowByMetric(levels: readonly LevelRow[], metrics: readonly string[]): Record<string, number> {
  return Object.fromEntries(metrics.map((m) => [m, bestIndex(levels, m)]));
}

/** The number cells of one comparison row ('' where not computable). */
export function comparisonCells(c: ComparisonRow) {
  const computed = c.notComputable === null;
  return {
    difference: fixed(c.difference, DIGITS.difference),
    ciLow: fixed(c.ci[0], DIGITS.difference),
    ciHigh: fixed(c.ci[1], DIGITS.difference),
    t: fixed(c.t, DIGITS.statistic),
    df: fixed(c.df, DIGITS.statistic),
    tCritical: fixed(c.tCritical, DIGITS.statistic),
    p: computed ? formatP(c.p) : '',
    pAdjusted: computed ? formatP(c.pAdjusted) : '',
    hedgesG: fixed(c.hedgesG, DIGITS.statistic),
    minimumDetectable: fixed(c.minimumDetectable, DIGITS.difference),
    seedsNeeded: c.seedsNeeded === null ? '' : String(c.seedsNeeded),
  };
}

/** The confidence level of the intervals, e.g. '95 %'. */
export function ciLevel(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(6))} %`;
}

/** "Holm" or "Benjamini-Hochberg". */
export function correctionName(correction: 'holm' | 'bh'): string {
  return correction === 'holm' ? 'Holm' : 'Benjamini-Hochberg';
}

/** Which optional columns the mirrored table has and which row is best per metric (the Markdown and LaTeX tables share it). */
export interface LevelTableShape {
  metrics: readonly string[];
  /** Some level has a regime text. */
  withRegime: boolean;
  params: ReportModel['experiment']['paramsColumn'];
  /** Metrics with a published figure on some level. */
  published: string[];
  /** metric -> index of the best row. */
  best: Record<string, number>;
}

/**
 * The shape of the mirrored table of a model.
 *
 * @example levelTableShape(model).withRegime // true for Table 2 (its regime column)
 */
export function levelTableShape(model: ReportModel): LevelTableShape {
  const { levels } = model;
  const metrics = model.experiment.metrics;
  return {
    metrics,
    withRegime: levels.some((l) => l.regime !== ''),
    params: model.experiment.paramsColumn,
    published: metrics.filter((m) => levels.some((l) => l.published?.[m])),
    best: bestRowByMetric(levels, metrics),
  };
}
