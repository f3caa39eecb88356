/**
 * @cxr/stats: evaluation metrics, operating-point thresholds, Welch tests, multiple-comparison
 * corrections and bootstrap intervals. Per-label functions take `ArrayLike<number>` (yTrue 0/1);
 * multi-label ones take row-major N x K `LabelMatrix`es. Undefined metrics come back NaN with a
 * reason pushed onto an optional `problems` array; bad input throws StatsArgumentError.
 */
export { StatsArgumentError, StatsDegenerateError } from './errors.ts';
export type {
  Confusion,
  CurvePointLike,
  GroupSpread,
  GroupSummary,
  LabelMatrix,
  MacroAverage,
  StatsProblem,
  WelchOptions,
  WelchResult,
} from './types.ts';

// matrices
export { column } from './column.ts';
export { labelMatrixFromRows } from './label-matrix-from-rows.ts';
export { binarizeAt } from './binarize-at.ts';

// per-label metrics and thresholds
export { rocAuc } from './roc-auc.ts';
export { averagePrecision } from './average-precision.ts';
export { brierScore } from './brier-score.ts';
export { expectedCalibrationError, type CalibrationBin, type CalibrationResult } from './expected-calibration-error.ts';
export { probabilityHistogram, type HistogramBin } from './probability-histogram.ts';
export { confusionAt } from './confusion-at.ts';

// curves (the clinical figures)
export { rocCurve } from './roc-curve.ts';
export { precisionRecallCurve } from './precision-recall-curve.ts';
export { thinCurve, type ThinCurveReport } from './thin-curve.ts';

export { thresholdForSensitivity } from './threshold-for-sensitivity.ts';
export { thresholdForSpecificity } from './threshold-for-specificity.ts';
export { youdenThreshold } from './youden-threshold.ts';
export { defaultF1Grid } from './default-f1-grid.ts';
export { f1ThresholdWithMinPrecision } from './f1-threshold-with-min-precision.ts';
export { f1ThresholdWithDynamicAdjustment, type DynamicAdjustmentOptions } from './f1-threshold-with-dynamic-adjustment.ts';

// multi-label summaries
export { macroRocAuc } from './macro-roc-auc.ts';
export { macroAveragePrecision } from './macro-average-precision.ts';
export { microRocAuc } from './micro-roc-auc.ts';
export { microAveragePrecision } from './micro-average-precision.ts';
export { multilabelBrierScore } from './multilabel-brier-score.ts';
export { hammingLoss } from './hamming-loss.ts';
export { exactMatchRatio } from './exact-match-ratio.ts';
export { labelRankingAveragePrecision } from './label-ranking-average-precision.ts';
export { multilabelConfusion } from './multilabel-confusion.ts';
export { precisionRecallF1, type PrecisionRecallF1 } from './precision-recall-f1.ts';
export {
  multilabelSummary,
  type LabelSummary,
  type MultilabelSummary,
  type MultilabelSummaryOptions,
  type ThresholdSummary,
} from './multilabel-summary.ts';
export { operatingPoints, type LabelOperatingPoints, type OperatingPointTargets, type OperatingPoints } from './operating-points.ts';

// significance
export { welchFromSummary } from './welch-from-summary.ts';
export { welchTTest } from './welch-t-test.ts';
export { hedgesG } from './hedges-g.ts';
export { welchPower, type WelchPowerOptions } from './welch-power.ts';
export { minimumDetectableDifference, type DetectableDifferenceOptions } from './minimum-detectable-difference.ts';
export { welchSampleSize, type SampleSizeOptions } from './welch-sample-size.ts';
export { holm } from './holm.ts';
export { benjaminiHochberg } from './benjamini-hochberg.ts';
export { bootstrapCi, type BootstrapCi, type BootstrapOptions, type LabelMetric } from './bootstrap-ci.ts';
export { bootstrapPooledDelta, type PooledDeltaOptions } from './bootstrap-pooled-delta.ts';
