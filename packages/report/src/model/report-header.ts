/** The page header: where the numbers come from and how far the experiment is. */
import type { ResultsStore } from '@cxr/results';
import type { LevelRow, ReportHeader, ReportRun } from '../report-types.ts';
import { runCounts } from './run-counts.ts';
import type { LevelRuns } from './select-level-runs.ts';

/**
 * The header of an experiment's report: dataset names and backbones (`dataset.name` and
 * `model.backbone` of the levels' stored configs), fingerprints, backends and code versions of its runs (each sorted, distinct), the
 * profile the caller named, the earliest start and latest end, runs by status and the runs planned
 * (the sum of the levels' planned seeds).
 *
 * @example reportHeader(store, levels, rows, runs, 'default').runs // { pending: 1, running: 1, done: 9, failed: 1 }
 */
export function reportHeader(
  store: ResultsStore,
  levels: readonly LevelRuns[],
  rows: readonly LevelRow[],
  runs: readonly ReportRun[],
  profile: string | null,
): ReportHeader {
  const configs = levels.filter((l) => l.configId !== null).map((l) => store.getConfig(l.configId!));
  const datasets = configs.map((c) => stringAt(c, 'dataset', 'name'));
  const backbones = configs.map((c) => stringAt(c, 'model', 'backbone'));
  const starts = runs.map((r) => r.startedAt).filter((t): t is number => t !== null);
  const ends = runs.map((r) => r.endedAt).filter((t): t is number => t !== null);
  return {
    datasets: distinct(datasets),
    backbones: distinct(backbones),
    datasetFingerprints: distinct(runs.map((r) => r.datasetFingerprint)),
    profile,
    backends: distinct(runs.map((r) => r.backend)),
    codeVersions: distinct(runs.map((r) => r.codeVersion)),
    firstRunAt: starts.length === 0 ? null : Math.min(...starts),
    lastRunAt: ends.length === 0 ? null : Math.max(...ends),
    runs: runCounts(runs),
    planned: rows.reduce((sum, r) => sum + r.seedsPlanned, 0),
  };
}

/** config[section][key] when it is a string, else null. */
function stringAt(config: unknown, section: string, key: string): string | null {
  const value = (config as Record<string, Record<string, unknown> | undefined> | null)?.[section]?.[key];
  return typeof value === 'string' ? value : null;
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}
