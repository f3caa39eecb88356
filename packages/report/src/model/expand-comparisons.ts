/** The experiment's planned comparisons as concrete (a, b, metric) tests. */
import type { LevelRow, ReportExperiment } from '../report-types.ts';
import { higherIsBetter } from './metric-direction.ts';

/** One test to run: the difference is always a - b. */
export interface PlannedTest {
  a: string;
  b: string;
  metric: string;
}

/** What expandComparisons made of the plan, with what it could not make. */
export interface ExpandedComparisons {
  tests: PlannedTest[];
  /** Tests planned twice (the same two levels on the same metric, either order): kept once, where first planned. */
  duplicates: PlannedTest[];
  /** best-vs-next on a metric with fewer than two levels that have two done values to test. */
  unranked: string[];
}

/**
 * Expands experiment.comparisons in their order: a pair gives (a, b) per metric; best-vs-next
 * gives, per metric, the level with the best mean against the next best, ranked among levels with
 * at least two done values (the ones a Welch test can take; best is the highest mean, or the lowest
 * for a loss); vs-reference gives (level, reference) for every other level in table order, per
 * metric. The same two levels on the same metric are tested once, in the orientation first planned,
 * so no test counts twice in the correction's family.
 *
 * @example expandComparisons(experiment, rows).tests[0] // { a: '90 %', b: '100 %', metric: 'macro_auc_roc' }
 */
export function expandComparisons(experiment: ReportExperiment, rows: readonly LevelRow[]): ExpandedComparisons {
  const tests: PlannedTest[] = [];
  const duplicates: PlannedTest[] = [];
  const unranked: string[] = [];
  const seen = new Set<string>();
  const add = (t: PlannedTest) => {
    const key = JSON.stringify([t.metric, ...[t.a, t.b].sort()]);
    if (seen.has(key)) duplicates.push(t);
    else {
      seen.add(key);
      tests.push(t);
    }
  };
  for (const c of experiment.comparisons) {
    if (c.kind === 'pair') for (const metric of experiment.metrics) add({ a: c.a, b: c.b, metric });
    else if (c.kind === 'vs-reference') {
      for (const row of rows)
        if (row.label !== c.reference) for (const metric of experiment.metrics) add({ a: row.label, b: c.reference, metric });
    } else {
      for (const metric of experiment.metrics) {
        const ranked = rankLevels(rows, metric);
        if (ranked.length < 2) unranked.push(metric);
        else add({ a: ranked[0]!, b: ranked[1]!, metric });
      }
    }
  }
  return { tests, duplicates, unranked };
}

/** Labels of the levels with >= 2 values of `metric`, best mean first (stable: table order on ties). */
function rankLevels(rows: readonly LevelRow[], metric: string): string[] {
  const sign = higherIsBetter(metric) ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, m: row.metrics[metric] }))
    .filter((x) => x.m !== null && x.m !== undefined && x.m.n >= 2)
    .sort((x, y) => sign * (x.m!.mean - y.m!.mean) || x.i - y.i)
    .map((x) => x.row.label);
}
