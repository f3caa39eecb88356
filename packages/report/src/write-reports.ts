/**
 * writeReports: the reports folder of experiments in a results store - each experiment's model
 * built once (buildReportModel), then written by writeReportFiles in the formats asked for.
 */
import type { ResultsStore } from '@cxr/results';
import { buildReportModel } from './build-report-model.ts';
import type { ReportExperiment } from './report-types.ts';
import { TEXT_RENDERERS } from './text-renderers.ts';
import { checkFormats, writeReportFiles, type WriteReportsOptions, type WrittenReports } from './write-report-files.ts';

/**
 * Writes `<out>/<name>.html` (and .md, .tex) per experiment, `<out>/index.html` and, for csv/json,
 * `<out>/runs.csv` / `<out>/runs.json`; returns the paths written. Only reads the store.
 *
 * Throws ReportArgumentError for bad formats or an experiment the store does not hold (before any
 * file is written); ReportError when a file cannot be written.
 *
 * @example await writeReports(store, FIXTURE_EXPERIMENTS, { out: 'reports' }) // { out: 'reports', files: ['reports/fixture-unfreeze.html', 'reports/fixture-loss.html', 'reports/index.html'] }
 */
export async function writeReports(
  store: ResultsStore,
  experiments: ReportExperiment[],
  options: WriteReportsOptions,
): Promise<WrittenReports> {
  checkFormats(options.formats ?? ['html']);
  const models = experiments.map((e) => buildReportModel(store, e));
  return writeReportFiles(models, options, TEXT_RENDERERS);
}
