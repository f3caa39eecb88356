// Public entry of @cxr/report. Exports are added by the modules that implement them.
export type * from './report-types.ts';
export { ReportArgumentError, ReportError, ReportFileError } from './errors.ts';
export { buildReportModel } from './build-report-model.ts';
export { describeExperimentFromStore } from './describe-experiment-from-store.ts';
export { higherIsBetter } from './model/metric-direction.ts';
export { formatP } from './model/format-p.ts';
export { stableJson } from './stable-json.ts';
export { escapeHtml } from './html/escape.ts';
export { RenderError, renderSvg } from './render-svg.ts';
export { metricDotsSpec } from './specs/metric-dots-spec.ts';
export { forestSpec } from './specs/forest-spec.ts';
export { curvesSpec } from './specs/curves-spec.ts';
export { labelHeatmapSpec } from './specs/label-heatmap-spec.ts';
export { mirroredTableSpec } from './specs/mirrored-table-spec.ts';
export { comparisonTableSpec } from './specs/comparison-table-spec.ts';
export { reportSpecs, type NamedSpec } from './specs/report-specs.ts';
export { quotedTableHtml, renderExperimentPage } from './html/experiment-page.ts';
export { renderIndexPage, experimentPageName } from './html/index-page.ts';
export {
  REPORT_FORMATS,
  checkFormats,
  writeReportFiles,
  type ReportFormat,
  type TextRenderers,
  type WriteReportsOptions,
  type WrittenReports,
} from './write-report-files.ts';
export { writeReports } from './write-reports.ts';
export { renderMarkdown } from './render/render-markdown.ts';
export { renderLatex } from './render/render-latex.ts';
export { latexEscape } from './render/latex-escape.ts';
export { metricLabel } from './render/metric-label.ts';
export { runsCsv } from './render/runs-csv.ts';
export { runsJson } from './render/runs-json.ts';
export { RUN_COLUMNS, runTable, type RunTable } from './render/run-table.ts';
export type * from './clinical/clinical-types.ts';
export { buildClinicalModel } from './clinical/build-clinical-model.ts';
export { clinicalSpecs } from './clinical/specs/clinical-specs.ts';
export { readReferenceColumn } from './clinical/read-reference-column.ts';
export { LIZ_EFFNET_REFERENCE } from './clinical/liz-effnet-reference.ts';
export {
  deployableThresholds,
  THRESHOLD_RULES,
  type DeployableThresholds,
  type DeployableThresholdsOptions,
  type ThresholdEntry,
  type ThresholdRule,
  type ValidationFigures,
} from './clinical/deployable-thresholds.ts';
export {
  readThresholdFile,
  thresholdFileForRun,
  THRESHOLDS_FORMAT,
  writeThresholdFiles,
  type LevelThresholdFile,
  type ThresholdFile,
} from './clinical/threshold-files.ts';
