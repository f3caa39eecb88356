/** The per-run rows of one or more reports as one table: the shape of the CSV and JSON exports. */
import type { ReportModel } from '../report-types.ts';

/** The identity columns, before one column per stored metric. */
export const RUN_COLUMNS = ['experiment', 'level', 'seed', 'status', 'config_hash', 'dataset_fingerprint'] as const;

export interface RunTable {
  /** RUN_COLUMNS, then every metric key any run stored ('<split>.<name>'), sorted. */
  columns: string[];
  /** One row per run: experiments in the order given, then each model's run order; a metric a run lacks is null. */
  rows: (string | number | null)[][];
}

/**
 * Every run of `models` as rows of one table: experiment, level, seed, status, config hash,
 * dataset fingerprint, then every stored metric (the union over all runs, sorted).
 *
 * @example runTable([model]).columns.slice(0, 7) // ['experiment', 'level', 'seed', 'status', 'config_hash', 'dataset_fingerprint', 'test.brier']
 */
export function runTable(models: readonly ReportModel[]): RunTable {
  const metrics = [...new Set(models.flatMap((m) => m.runs.flatMap((r) => Object.keys(r.metrics))))].sort();
  const rows = models.flatMap((model) =>
    model.runs.map((r) => [
      model.experiment.name,
      r.level,
      r.seed,
      r.status,
      r.configHash,
      r.datasetFingerprint,
      ...metrics.map((k) => r.metrics[k] ?? null),
    ]),
  );
  return { columns: [...RUN_COLUMNS, ...metrics], rows };
}
