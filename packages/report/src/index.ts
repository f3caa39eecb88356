// Public entry of @cxr/report. Exports are added by the modules that implement them.
export type * from './report-types.ts';
export { ReportArgumentError, ReportError } from './errors.ts';
export { buildReportModel } from './build-report-model.ts';
export { describeExperimentFromStore } from './describe-experiment-from-store.ts';
export { higherIsBetter } from './model/metric-direction.ts';
export { formatP } from './model/format-p.ts';
export { stableJson } from './stable-json.ts';
export { renderMarkdown } from './render/render-markdown.ts';
export { renderLatex } from './render/render-latex.ts';
export { latexEscape } from './render/latex-escape.ts';
export { metricLabel } from './render/metric-label.ts';
export { runsCsv } from './render/runs-csv.ts';
export { runsJson } from './render/runs-json.ts';
export { RUN_COLUMNS, runTable, type RunTable } from './render/run-table.ts';
