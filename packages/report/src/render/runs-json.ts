/** The per-run export as JSON. */
import type { ReportModel } from '../report-types.ts';
import { stableJson } from '../stable-json.ts';
import { runTable } from './run-table.ts';

/**
 * The rows of runsCsv as a pretty-printed JSON array of objects keyed by the same column names
 * (keys sorted, so the bytes are stable; a metric a run lacks is null).
 *
 * @example JSON.parse(runsJson([model]))[0] // { config_hash: '510a...', dataset_fingerprint: '...', experiment: 'fixture-unfreeze', level: '0 %', seed: 1, status: 'done', 'test.brier': 0.0912, ... }
 */
export function runsJson(models: readonly ReportModel[]): string {
  const { columns, rows } = runTable(models);
  return stableJson(rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))));
}
