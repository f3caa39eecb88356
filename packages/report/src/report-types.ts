/**
 * The contract of @cxr/report: what a caller describes about an experiment (ReportExperiment, plain
 * data, so @cxr/report needs nothing of the trainer or the experiment definitions) and the numbers a
 * page is drawn from (ReportModel, computed once by buildReportModel from the results store with
 * @cxr/stats; every renderer - HTML, Markdown, LaTeX, CSV, JSON - reads only this).
 */
import type { RunStatus } from '@cxr/results';
import type { ClinicalModel, ClinicalRequest } from './clinical/clinical-types.ts';

/** A published mean +/- sd (the thesis' table cell). */
export interface PublishedSummary {
  mean: number;
  sd: number;
}

/** One level of the experiment's factor, as the thesis table has it. */
export interface ReportLevel {
  /** The label its config is registered under in results.db (e.g. "90 %"). */
  label: string;
  /** The thesis table's regime column (e.g. "partial fine-tuning", "from scratch"). */
  regime: string;
  /** Only runs of these config hashes count for the level (the sweep passes them); absent: the level's latest registered config. */
  configHashes?: string[];
  /** Only runs of these seeds count for the level, and these are its planned seeds (a search trial at its trial seed; a best trial's replicates, not the trial itself); absent: every seed, planned = the experiment's. */
  seeds?: number[];
  /** Thesis' published numbers for this level, metric name (e.g. 'macro_auc_roc') -> mean +/- sd. */
  published?: Partial<Record<string, PublishedSummary>>;
}

/** A planned comparison; the difference is always a - b. */
export type ReportComparison =
  | { kind: 'pair'; a: string; b: string }
  /** The best level (highest mean of each metric) against the next best. */
  | { kind: 'best-vs-next' }
  /** Every other level against a reference level. */
  | { kind: 'vs-reference'; reference: string };

/** A comparison as the thesis reports it, for the reproduction view. */
export interface PublishedComparison {
  a: string;
  b: string;
  metric: string;
  /** |t| as published. */
  t: number;
  tCritical: number;
  p: number;
  df?: number;
}

/**
 * A table quoted from a source document (e.g. a seed's own per-epoch results), shown on the page
 * as it was published, beside (not mixed with) our runs.
 */
export interface QuotedTable {
  title: string;
  /** Where it is from: document and table (and lines), e.g. 'seed 000 (...), Figure 19 table'. */
  source: string;
  columns: string[];
  rows: (string | number)[][];
}

/** What the caller knows about an experiment beyond the database (its definition). */
export interface ReportExperiment {
  /** Experiment name in results.db (e.g. 'table2-unfreeze'); the page is <name>.html. */
  name: string;
  title: string;
  /** The thesis table it mirrors, e.g. 'Table 2'; null for experiments of the user's own. */
  thesisTable: string | null;
  /** What is varied, e.g. 'fraction of backbone layers unfrozen'. */
  factor: string;
  description?: string;
  /** Which parameter count the mirrored table shows; null: none. */
  paramsColumn: 'total' | 'trainable' | null;
  /** In table order. Labels found in the database but not listed here are appended after them. */
  levels: ReportLevel[];
  /** Test-split metric names (results' `metrics` table, split 'test'), first = primary: decides the best row. */
  metrics: string[];
  comparisons: ReportComparison[];
  publishedComparisons?: PublishedComparison[];
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Multiple-testing correction over the experiment's family of comparisons (default 'holm'). */
  correction?: 'holm' | 'bh';
  /** Seeds planned per level (for "seeds done"), e.g. [1, 2, 3]. */
  seeds?: number[];
  /** The profile the runs were made with (header), e.g. 'default'. */
  profile?: string | null;
  /** The resolved base config the levels vary (for "what each level changes"); absent: keys that differ between levels. */
  baseConfig?: unknown;
  /** The clinical section (thesis Tables 9 and 10, Figures 4-5) to compute; absent: none. */
  clinical?: ClinicalRequest;
  /** Tables quoted from the source documents, shown after the results; absent: none. */
  quotedTables?: QuotedTable[];
}

/** Mean, sd (n - 1) and the values behind them, aligned with seeds. */
export interface MetricSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); NaN for n < 2. */
  sd: number;
  values: number[];
  seeds: number[];
}

/** One run of the experiment (a cell), whatever its status. */
export interface ReportRun {
  runId: number;
  level: string;
  seed: number;
  status: RunStatus;
  configHash: string;
  datasetFingerprint: string;
  backend: string | null;
  codeVersion: string | null;
  attempts: number;
  startedAt: number | null;
  endedAt: number | null;
  error: string | null;
  params: { total: number; trainable: number } | null;
  /** Every stored metric, keyed '<split>.<name>' (e.g. 'test.macro_auc_roc'); empty unless done. */
  metrics: Record<string, number>;
}

/** One row of the mirrored table. */
export interface LevelRow {
  label: string;
  regime: string;
  /** paramsColumn's count in millions (from the runs' info), null when unknown. */
  paramsMillions: number | null;
  seedsDone: number;
  seedsPlanned: number;
  runs: Record<RunStatus, number>;
  /** metric -> summary over done runs (null when none is done). */
  metrics: Record<string, MetricSummary | null>;
  published: Record<string, PublishedSummary> | null;
  /** Highest mean of the primary metric among levels with a summary. */
  best: boolean;
}

/** One planned comparison on one metric. */
export interface ComparisonRow {
  a: string;
  b: string;
  metric: string;
  nA: number;
  nB: number;
  meanA: number;
  meanB: number;
  /** meanA - meanB */
  difference: number;
  /** 95 % (1 - alpha) Welch confidence interval of the difference. */
  ci: [number, number];
  /** |t| */
  t: number;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided critical value at alpha for df. */
  tCritical: number;
  p: number;
  /** p adjusted across the experiment's family (correction). */
  pAdjusted: number;
  significant: boolean;
  /** e.g. "a higher (p_adj = 0.012)" or "no significant difference". */
  verdict: string;
  hedgesG: number;
  /** Smallest |difference| detectable at alpha, power 0.8, from the observed sds and seed counts. */
  minimumDetectable: number;
  /** Seeds per arm needed to detect the observed difference at power 0.8 (null: not reachable / difference 0). */
  seedsNeeded: number | null;
  published: PublishedComparison | null;
  /** Whether our conclusion agrees with the thesis' (null without published numbers). */
  agreement: { sameDirection: boolean; sameVerdict: boolean } | null;
  /** Why it could not be computed (fewer than two done runs in an arm ...); numbers are NaN then. */
  notComputable: string | null;
}

export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
  /** Validation metrics of the epoch, e.g. macro_auc_roc. */
  metrics: Record<string, number>;
}

/** Validation curve of one run. */
export interface EpochCurve {
  level: string;
  seed: number;
  runId: number;
  points: EpochPoint[];
}

/** Per-label test AUC-ROC of one level over its done runs. */
export interface LabelAucCell {
  level: string;
  label: string;
  summary: MetricSummary;
}

/** One key where a level's stored config differs from the base. */
export interface ConfigChange {
  level: string;
  /** Dotted path, e.g. 'model.unfreeze'. */
  path: string;
  base: unknown;
  value: unknown;
}

export interface ReportHeader {
  datasets: string[];
  /** `model.backbone` of the levels' stored configs (a profile may stand one in for the thesis'). */
  backbones: string[];
  datasetFingerprints: string[];
  profile: string | null;
  backends: string[];
  codeVersions: string[];
  /** Earliest start and latest end of the experiment's runs (ms), null when none ran. */
  firstRunAt: number | null;
  lastRunAt: number | null;
  runs: Record<RunStatus, number>;
  planned: number;
}

/** Everything a report page shows, computed from the store (deterministic: same database, same model). */
export interface ReportModel {
  experiment: Required<Pick<ReportExperiment, 'name' | 'title' | 'factor' | 'paramsColumn' | 'metrics'>> & {
    thesisTable: string | null;
    description: string | null;
    /** Only when the experiment quotes some (so older report models stay as they were). */
    quotedTables?: QuotedTable[];
  };
  alpha: number;
  correction: 'holm' | 'bh';
  header: ReportHeader;
  levels: LevelRow[];
  comparisons: ComparisonRow[];
  runs: ReportRun[];
  curves: EpochCurve[];
  labelAuc: LabelAucCell[];
  changes: ConfigChange[];
  /** Plain-language caveats (mixed fingerprints, levels without runs, three seeds ...). */
  notes: string[];
  /** The clinical section (buildClinicalModel); null when the experiment did not ask for one. */
  clinical: ClinicalModel | null;
}
