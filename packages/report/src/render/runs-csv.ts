/** The per-run export as CSV. */
import { toCsv } from '@cxr/core';
import type { ReportModel } from '../report-types.ts';
import { runTable } from './run-table.ts';

/**
 * One CSV row per run of `models` (columns as runTable: experiment, level, seed, status, config
 * hash, dataset fingerprint, then every stored metric), RFC 4180 through @cxr/core's toCsv (CRLF
 * line ends, fields quoted only when needed); a metric a run lacks is an empty field.
 *
 * @example runsCsv([model]).split('\r\n')[0] // 'experiment,level,seed,status,config_hash,dataset_fingerprint,test.brier,...'
 */
export function runsCsv(models: readonly ReportModel[]): string {
  const { columns, rows } = runTable(models);
  return toCsv([columns, ...rows]);
}
