/**
 * The renderers writeReports uses for the formats other than html. INTERIM until wt-rmodel's
 * renderMarkdown, renderLatex, runsCsv and runsJson are merged: csv is the page's per-run CSV
 * over all experiments, json the models' runs, md and tex refuse with a ReportError.
 */
import { ReportError } from './errors.ts';
import { runCsvInterim } from './html/run-csv-interim.ts';
import type { TextRenderers } from './write-report-files.ts';

const notYet = (format: string) => () => {
  throw new ReportError(`writeReports(options.formats): format '${format}' is not available in this build yet`);
};

export const TEXT_RENDERERS: TextRenderers = {
  md: notYet('md'),
  tex: notYet('tex'),
  csv: (models) => models.map((m, i) => (i === 0 ? runCsvInterim(m) : runCsvInterim(m).split('\r\n').slice(1).join('\r\n'))).join(''),
  json: (models) =>
    `${JSON.stringify(
      models.flatMap((m) => m.runs.map((r) => ({ experiment: m.experiment.name, ...r }))),
      null,
      2,
    )}\n`,
};
