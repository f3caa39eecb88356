// Public entry of @cxr/report. Exports are added by the modules that implement them.
export type * from './report-types.ts';
export { ReportArgumentError, ReportError } from './errors.ts';
export { buildReportModel } from './build-report-model.ts';
export { describeExperimentFromStore } from './describe-experiment-from-store.ts';
export { higherIsBetter } from './model/metric-direction.ts';
export { formatP } from './model/format-p.ts';
export { stableJson } from './stable-json.ts';
