/** The per-run rows of a report (the CSV/JSON export and the page's embedded data). */
import type { ReportRun } from '../report-types.ts';
import { sortedRecord } from './epoch-curves.ts';
import type { LevelRuns } from './select-level-runs.ts';

/**
 * One ReportRun per run that counts for the table, levels in table order then seed: status,
 * identity, where and when it ran, info.params, and every stored metric keyed '<split>.<name>'
 * (sorted; empty unless done).
 *
 * @example reportRuns(selected.levels)[0] // { runId: 1, level: '0 %', seed: 1, status: 'done', metrics: { 'test.brier': 0.0912, ... }, ... }
 */
export function reportRuns(levels: readonly LevelRuns[]): ReportRun[] {
  return levels.flatMap((level) =>
    level.runs.map((run) => {
      const metrics: Record<string, number> = {};
      for (const [split, byName] of Object.entries(run.metrics))
        for (const [name, value] of Object.entries(byName)) metrics[`${split}.${name}`] = value;
      return {
        runId: run.id,
        level: level.label,
        seed: run.seed,
        status: run.status,
        configHash: run.configHash,
        datasetFingerprint: run.datasetFingerprint,
        backend: run.backend,
        codeVersion: run.codeVersion,
        attempts: run.attempts,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        error: run.error,
        params: paramsOf(run.info.params),
        metrics: sortedRecord(metrics),
      };
    }),
  );
}

function paramsOf(value: unknown): ReportRun['params'] {
  if (typeof value !== 'object' || value === null) return null;
  const { total, trainable } = value as Record<string, unknown>;
  return typeof total === 'number' && typeof trainable === 'number' ? { total, trainable } : null;
}
