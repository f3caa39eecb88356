/**
 * The report a sweep ends with: the experiment's page (HTML) under `out`, written by @cxr/report's
 * writeReports. That writer is being built in parallel (issue 15 / the report issue); until it is
 * exported, REPORT_WRITER is null and the sweep says the report was not written.
 * INTEGRATOR: set REPORT_WRITER = writeReports (import { writeReports } from '@cxr/report').
 */
import { resolve } from 'node:path';
import type { ReportExperiment } from '@cxr/report';
import type { ResultsStore } from '@cxr/results';

/** @cxr/report's writeReports(store, experiments, { out, formats }): the paths it wrote. */
export type ReportWriter = (
  store: ResultsStore,
  experiments: ReportExperiment[],
  opts: { out: string; formats: string[] },
) => Promise<string[] | { path: string }[] | unknown>;

/** Wired by the integrator (see the file comment); null: no report writer yet. */
export const REPORT_WRITER: ReportWriter | null = null;

/**
 * Writes the report of `report` (ResolvedExperiment.report) as HTML under `out` and returns its
 * path (`<out>/<experiment>.html`), or null when no report writer is wired.
 *
 * @throws whatever the writer throws (an unwritable folder).
 * @example await writeSweepReport(store, resolved.report, { out: 'reports' }) // '/abs/reports/table2-unfreeze.html'
 */
export async function writeSweepReport(
  store: ResultsStore,
  report: ReportExperiment,
  opts: { out: string; writer?: ReportWriter | null },
): Promise<string | null> {
  const writer = opts.writer === undefined ? REPORT_WRITER : opts.writer;
  if (!writer) return null;
  await writer(store, [report], { out: opts.out, formats: ['html'] });
  return resolve(opts.out, `${report.name}.html`);
}
