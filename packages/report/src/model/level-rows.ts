/** The rows of the mirrored table: one per level, from its done runs. */
import type { RunRow } from '@cxr/results';
import type { LevelRow, MetricSummary, ReportExperiment } from '../report-types.ts';
import { higherIsBetter } from './metric-direction.ts';
import { runCounts } from './run-counts.ts';
import type { LevelRuns } from './select-level-runs.ts';
import { summarizeMetric } from './summarize-metric.ts';

/**
 * One LevelRow per level, in table order: runs by status, seeds done (distinct seeds of done runs)
 * and planned (the seeds registered, united with experiment.seeds), the parameter count of
 * experiment.paramsColumn from the runs' info.params in millions, per metric the summary over done
 * runs that stored it (test split), the published numbers, and `best` on the level with the best
 * mean of the primary metric (the first; highest, or lowest for a loss - see higherIsBetter; ties:
 * the first level).
 *
 * @example buildLevelRows(selected.levels, experiment)[2] // { label: '90 %', seedsDone: 3, metrics: { macro_auc_roc: { n: 3, mean: 0.739, ... } }, best: true, ... }
 */
export function buildLevelRows(levels: readonly LevelRuns[], experiment: ReportExperiment): LevelRow[] {
  const rows = levels.map((level): LevelRow => {
    const done = level.runs.filter((r) => r.status === 'done');
    const planned = new Set([...level.runs.map((r) => r.seed), ...(level.spec?.seeds ?? experiment.seeds ?? [])]);
    return {
      label: level.label,
      regime: level.regime,
      paramsMillions: paramsMillions(level.runs, experiment.paramsColumn),
      seedsDone: new Set(done.map((r) => r.seed)).size,
      seedsPlanned: planned.size,
      runs: runCounts(level.runs),
      metrics: Object.fromEntries(experiment.metrics.map((m) => [m, testSummary(done, m)])),
      published: publishedOf(level.spec?.published),
      best: false,
    };
  });
  const best = bestIndex(rows, experiment.metrics[0]!);
  if (best >= 0) rows[best]!.best = true;
  return rows;
}

/** The summary of test metric `metric` over the done runs that stored it (in seed order). */
export function testSummary(done: readonly RunRow[], metric: string): MetricSummary | null {
  const having = done.filter((r) => typeof r.metrics.test?.[metric] === 'number');
  return summarizeMetric(
    having.map((r) => r.metrics.test![metric]!),
    having.map((r) => r.seed),
  );
}

/** The index of the row with the best mean of `metric` (-1 when no row has one). */
export function bestIndex(rows: readonly Pick<LevelRow, 'metrics'>[], metric: string): number {
  const sign = higherIsBetter(metric) ? 1 : -1;
  let best = -1;
  rows.forEach((row, i) => {
    const m = row.metrics[metric];
    if (m && (best < 0 || sign * m.mean > sign * rows[best]!.metrics[metric]!.mean)) best = i;
  });
  return best;
}

/** The count from the first run (done runs first) whose info.params has it, in millions. */
function paramsMillions(runs: readonly RunRow[], column: ReportExperiment['paramsColumn']): number | null {
  if (column === null) return null;
  const ordered = [...runs.filter((r) => r.status === 'done'), ...runs.filter((r) => r.status !== 'done')];
  for (const run of ordered) {
    const params = run.info.params as Record<string, unknown> | undefined;
    const value = params?.[column];
    if (typeof value === 'number' && Number.isFinite(value)) return value / 1e6;
  }
  return null;
}

function publishedOf(published: Partial<Record<string, { mean: number; sd: number }>> | undefined): LevelRow['published'] {
  if (!published) return null;
  const entries = Object.entries(published).filter((e): e is [string, { mean: number; sd: number }] => e[1] !== undefined);
  return entries.length === 0 ? null : Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}
