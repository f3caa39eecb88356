/**
 * The text of every number cell the Markdown and LaTeX tables share, printed through the page's
 * own formatting (../format.ts), so the tables show the digits the HTML page shows: means and sds
 * with 3 decimals (the thesis' precision), differences 4, |t|, df, t* and g 2; MISSING where a
 * number is not computable.
 */
import { fixed, MISSING, pText } from '../format.ts';
import { bestIndex } from '../model/level-rows.ts';
import type { ComparisonRow, LevelRow, MetricSummary } from '../report-types.ts';

/** Decimals of each kind of number. */
export const DIGITS = { mean: 3, difference: 4, statistic: 2, params: 2 } as const;

/** mean and sd as text (sd null for one run); null for no summary. */
export function meanSdParts(s: MetricSummary | null | undefined): { mean: string; sd: string | null } | null {
  if (!s) return null;
  return { mean: fixed(s.mean, DIGITS.mean), sd: Number.isFinite(s.sd) ? fixed(s.sd, DIGITS.mean) : null };
}

/** For each metric, the index of the level row with the best mean (-1 when none has one). */
export function bestRowByMetric(levels: readonly LevelRow[], metrics: readonly string[]): Record<string, number> {
  return Object.fromEntries(metrics.map((m) => [m, bestIndex(levels, m)]));
}

/** The number cells of one comparison row (MISSING where not computable). */
export function comparisonCells(c: ComparisonRow) {
  return {
    difference: fixed(c.difference, DIGITS.difference),
    ciLow: fixed(c.ci[0], DIGITS.difference),
    ciHigh: fixed(c.ci[1], DIGITS.difference),
    t: fixed(c.t, DIGITS.statistic),
    df: fixed(c.df, DIGITS.statistic),
    tCritical: fixed(c.tCritical, DIGITS.statistic),
    p: pText(c.p),
    pAdjusted: pText(c.pAdjusted),
    hedgesG: fixed(c.hedgesG, DIGITS.statistic),
    minimumDetectable: fixed(c.minimumDetectable, DIGITS.difference),
    seedsNeeded: c.seedsNeeded === null ? MISSING : String(c.seedsNeeded),
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
