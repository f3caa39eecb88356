/**
 * The report a sweep ends with: the experiment's page (HTML) under `out`, written by @cxr/report's
 * writeReports from the experiment's ReportExperiment (ResolvedExperiment.report: its levels carry
 * the config hashes of this sweep's cells, so only those runs count).
 */
import { resolve } from 'node:path';
import { writeReports, type ReportExperiment } from '@cxr/report';
import type { ResultsStore } from '@cxr/results';

/**
 * Writes `<out>/<experiment>.html` (and the folder's index.html) and returns the page's absolute path.
 *
 * @throws ReportArgumentError / ReportError from writeReports (an experiment the store does not hold, an unwritable folder).
 * @example await writeSweepReport(store, resolved.report, { out: 'reports' }) // '/abs/reports/table2-unfreeze.html'
 */
export async function writeSweepReport(store: ResultsStore, report: ReportExperiment, opts: { out: string }): Promise<string> {
  const written = await writeReports(store, [report], { out: opts.out, formats: ['html'] });
  const page = written.files.find((f) => resolve(f) === resolve(opts.out, `${report.name}.html`));
  return resolve(page ?? resolve(opts.out, `${report.name}.html`));
}
