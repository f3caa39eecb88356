/**
 * INTERIM: per-run metrics as CSV for the page's download link, until wt-rmodel's runsCsv is
 * merged (then this file goes and the page calls runsCsv([model])).
 */
import { toCsv } from '@cxr/core';
import type { ReportModel } from '../report-types.ts';

/** One row per run: identity columns, then every stored metric key in sorted order. */
export function runCsvInterim(model: ReportModel): string {
  const keys = [...new Set(model.runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const header = ['experiment', 'level', 'seed', 'status', 'run_id', 'config_hash', 'dataset_fingerprint', 'backend', ...keys];
  const rows = model.runs.map((r) => [
    model.experiment.name,
    r.level,
    r.seed,
    r.status,
    r.runId,
    r.configHash,
    r.datasetFingerprint,
    r.backend,
    ...keys.map((k) => r.metrics[k]),
  ]);
  return toCsv([header, ...rows]);
}
