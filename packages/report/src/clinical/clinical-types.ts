/**
 * The contract of the report's clinical section (thesis Tables 9 and 10, Figures 4 and 5): what
 * a caller asks for (ClinicalRequest) and what the page is drawn from (ClinicalModel), computed
 * once by buildClinicalModel from the stored validation and test predictions of the done runs,
 * without retraining. Every renderer (HTML, Markdown, LaTeX, Vega-Lite specs) reads only this.
 */
import type { MetricSummary } from '../report-types.ts';

/** A per-label reference AUC-ROC column (thesis Table 9's "Liz, EffNet", or a user's file). */
export interface ReferenceColumn {
  /** Column heading, e.g. 'Liz, EffNet'. */
  name: string;
  /** Where the numbers come from, e.g. 'Liz et al. 2023, Table 8, as quoted in thesis 002 Table 9' or a file path. */
  source: string;
  /** Dataset label name (as stored in the runs' predictions, e.g. 'cardiomegaly') -> AUC-ROC. */
  auc: Record<string, number>;
}

/** What the clinical section is computed with. */
export interface ClinicalRequest {
  /** Table 9's reference column; null: no Table 9 (Table 10 and the figures only). */
  reference: ReferenceColumn | null;
  /** Further quoted columns shown beside the reference in Table 9, values only (Delta is against `reference`); e.g. a seed's own per-model columns. */
  extraReferences?: ReferenceColumn[];
  /** Levels shown, in this order (default: every level with a done run, table order). */
  levels?: string[];
  /** Operating-point targets fixed on validation (default 0.95 and 0.95, thesis Table 10). */
  targets?: { sensitivity: number; specificity: number };
  /** Equal-width bins of the expected calibration error and the reliability diagram (default 15). */
  eceBins?: number;
  /** Percentile bootstrap over test images (default b 1000, seed 0; same seed, same intervals). */
  bootstrap?: { b: number; seed: number };
  /** Most points kept per ROC or PR curve and seed (default 100; see thinCurve). */
  maxCurvePoints?: number;
  /** Bins of the probability histograms (default 20, equal width on [0, 1]). */
  histogramBins?: number;
}

/** A 95 % (1 - alpha) interval; NaN ends when it could not be computed. */
export type Interval = [number, number];

/** One label of Table 9. */
export interface Table9Row {
  label: string;
  /** The reference AUC-ROC; null when the reference does not name this label. */
  reference: number | null;
  /** False for reference labels the dataset's runs do not have (listed, never dropped). */
  inDataset: boolean;
  /** With extraReferences: each extra column's AUC for this label (null where it names none), in their order. */
  extra?: (number | null)[];
  /** level -> our AUC-ROC over seeds, and Delta = ours - reference over seeds with its pooled bootstrap CI. */
  perLevel: Record<string, { auc: MetricSummary; delta: MetricSummary | null; deltaCi: Interval | null } | null>;
}

/** One label (or 'macro') of Table 10 for one level. */
export interface Table10Row {
  /** Dataset label name, or 'macro' (mean over labels where each is defined). */
  label: string;
  brier: MetricSummary;
  /** Test specificity at the validation threshold reaching sensitivity >= targets.sensitivity. */
  specAtSens: MetricSummary;
  /** Test sensitivity at the validation threshold reaching specificity >= targets.specificity. */
  sensAtSpec: MetricSummary;
  /** Expected calibration error with `eceBins` equal-width bins. */
  ece: MetricSummary;
  /** Each seed's bootstrap CI over test images (the thresholds stay the validation ones). */
  perSeed: { seed: number; runId: number; brier: Interval; specAtSens: Interval; sensAtSpec: Interval }[];
}

/** Table 10 of one level. */
export interface Table10Level {
  level: string;
  rows: Table10Row[];
}

/** A point of a ROC curve (fpr, tpr) or a PR curve (recall, precision) with its threshold. */
export interface CurvePoint {
  x: number;
  y: number;
  threshold: number;
}

/** Figure data of one label, one run (seed). */
export interface LabelFigures {
  level: string;
  label: string;
  seed: number;
  runId: number;
  /** Test ROC (x = FPR, y = TPR), thinned to at most maxCurvePoints. */
  roc: CurvePoint[];
  /** The two operating points on test (validation thresholds): x = FPR, y = TPR. */
  operatingPoints: { kind: 'sens' | 'spec'; x: number; y: number; threshold: number }[];
  /** Test PR curve (x = recall, y = precision), thinned. */
  pr: CurvePoint[];
  /** Test prevalence (the PR chance line). */
  prevalence: number;
  /** Histogram of test probabilities, relative frequency within each class. */
  histogram: { lo: number; hi: number; positives: number; negatives: number }[];
  /** Reliability bins (non-empty bins only): mean predicted, observed positive fraction, count. */
  reliability: { lo: number; hi: number; meanPredicted: number; observed: number; count: number }[];
  ece: number;
}

/** Everything the clinical section shows. */
export interface ClinicalModel {
  reference: { name: string; source: string } | null;
  /** The extra quoted columns of Table 9 (present only when requested). */
  extraReferences?: { name: string; source: string }[];
  targets: { sensitivity: number; specificity: number };
  eceBins: number;
  bootstrap: { b: number; seed: number };
  maxCurvePoints: number;
  levels: string[];
  /** Union of the reference's labels (in its order) and the dataset's (in prediction order); empty without a reference. */
  table9: Table9Row[];
  table10: Table10Level[];
  figures: LabelFigures[];
  /** Plain-language caveats (labels missing from the dataset, labels without both classes, ...). */
  notes: string[];
}
