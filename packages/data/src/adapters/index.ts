// Public exports of the adapters part of @cxr/data (re-exported by ../index.ts).
export { PADCHEST_THESIS_LABELS, NIH_LABELS, CHEXPERT_LABELS, PADCHEST_PROJECTIONS, NIH_VIEWS, CHEXPERT_VIEWS } from './label-lists.ts';
export { PADCHEST_CSV_NAME, PADCHEST_COLUMNS, loadPadchest } from './padchest.ts';
export { NIH_CSV_NAME, NIH_COLUMNS, loadNih } from './nih.ts';
export { CHEXPERT_COLUMNS, CHEXPERT_FOLDERS, loadChexpert } from './chexpert.ts';
export { loadDataset, DATASET_ADAPTERS, DATASET_NAMES, type LoadDatasetOptions, type DatasetAdapter } from './load-dataset.ts';
export type { AdapterOptions } from './finish-dataset.ts';
export { ProblemLog } from './problem-log.ts';
export { datasetFingerprint } from './fingerprint.ts';
export { applyUncertaintyPolicy, UNCERTAINTY_POLICIES, type UncertaintyOptions } from './uncertainty.ts';
export { countLabels, type LabelCount } from './label-counts.ts';
export { parsePythonList } from './python-list.ts';
export * from './splits/index.ts';
