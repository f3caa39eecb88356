/**
 * Per-class decision thresholds fixed on validation by seed 000's three procedures (section
 * 2.5.3), and the thresholded multi-label metrics it reports: exact match ratio, Hamming loss,
 * per-class and macro precision / recall / F1. The 'val_macro_f1' monitor reads macro F1 from here.
 */
import {
  exactMatchRatio,
  f1ThresholdWithDynamicAdjustment,
  f1ThresholdWithMinPrecision,
  hammingLoss,
  precisionRecallF1,
  youdenThreshold,
  type LabelMatrix,
} from '@cxr/stats';
import { TrainArgumentError } from '../errors.ts';

/**
 * 'youden': max sensitivity + specificity - 1 on the ROC curve; 'min-precision': best F1 on the
 * 0.10-0.85 grid with precision >= the minimum (DEFAULT_MIN_PRECISION unless given); 'dynamic':
 * that, lowered by 0.05 when its F1 < 0.30 (the seed's choice). Other parameters are the seed's defaults.
 */
export const THRESHOLD_PROCEDURES = ['youden', 'min-precision', 'dynamic'] as const;
export type ThresholdProcedure = (typeof THRESHOLD_PROCEDURES)[number];

/**
 * The precision floor of 'min-precision' and 'dynamic' when the config gives none: section 2.5.3's
 * default (0.30); the seed's own run used 0.40 (section 3.1), which its experiment sets.
 */
export const DEFAULT_MIN_PRECISION = 0.3;

/** Threshold of a label where its procedure is undefined (no positives, precision floor never met). */
export const FALLBACK_THRESHOLD = 0.5;

/**
 * One threshold per label from `truth` / `scores` (row-major N x K) by `procedure` (with the
 * precision floor `minPrecision`, ignored by 'youden'); a label the procedure cannot fix gets FALLBACK_THRESHOLD.
 *
 * @throws TrainArgumentError for an unknown procedure (listing the valid ones); StatsArgumentError for minPrecision outside [0, 1].
 * @example classThresholds({ rows: 4, cols: 1, data: [0, 0, 1, 1] }, { rows: 4, cols: 1, data: [0.1, 0.4, 0.35, 0.8] }, 'youden') // [0.8]
 */
export function classThresholds(
  truth: LabelMatrix,
  scores: LabelMatrix,
  procedure: ThresholdProcedure,
  minPrecision: number = DEFAULT_MIN_PRECISION,
): number[] {
  const rule: Record<ThresholdProcedure, (y: number[], s: number[]) => number> = {
    youden: (y, s) => youdenThreshold(y, s, []),
    'min-precision': (y, s) => f1ThresholdWithMinPrecision(y, s, minPrecision, undefined, []),
    dynamic: (y, s) => f1ThresholdWithDynamicAdjustment(y, s, minPrecision, {}, []),
  };
  const fix = rule[procedure];
  if (!fix) throw new TrainArgumentError('classThresholds', 'procedure', `one of ${THRESHOLD_PROCEDURES.join(', ')}`, procedure);
  return Array.from({ length: truth.cols }, (_, k) => {
    const y: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < truth.rows; i++) {
      y.push(truth.data[i * truth.cols + k]!);
      s.push(scores.data[i * scores.cols + k]!);
    }
    const t = fix(y, s);
    return Number.isFinite(t) ? t : FALLBACK_THRESHOLD;
  });
}

/** Thresholded metrics of one split (NaN where undefined, e.g. a label never predicted). */
export interface ThresholdedMetrics {
  exactMatchRatio: number;
  hammingLoss: number;
  macro: { precision: number; recall: number; f1: number };
  perLabel: { precision: number; recall: number; f1: number }[];
}

/**
 * Exact match ratio, Hamming loss and precision / recall / F1 (macro and per label) at per-label
 * `thresholds` (positive when score >= threshold).
 *
 * @example thresholdedMetrics(truth, scores, [0.5, 0.3]).macro.f1
 */
export function thresholdedMetrics(truth: LabelMatrix, scores: LabelMatrix, thresholds: number[]): ThresholdedMetrics {
  const predicted: LabelMatrix = {
    rows: scores.rows,
    cols: scores.cols,
    data: Float32Array.from(scores.data as ArrayLike<number>, (p, i) => (p >= thresholds[i % scores.cols]! ? 1 : 0)),
  };
  const prf = precisionRecallF1(truth, scores, thresholds, []);
  return {
    exactMatchRatio: exactMatchRatio(truth, predicted),
    hammingLoss: hammingLoss(truth, predicted),
    macro: { precision: prf.macro.precision.macro, recall: prf.macro.recall.macro, f1: prf.macro.f1.macro },
    perLabel: thresholds.map((_, k) => ({
      precision: prf.macro.precision.perLabel[k]!,
      recall: prf.macro.recall.perLabel[k]!,
      f1: prf.macro.f1.perLabel[k]!,
    })),
  };
}
