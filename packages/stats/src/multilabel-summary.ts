import { StatsArgumentError } from './errors.ts';
import { exactMatchRatio } from './exact-match-ratio.ts';
import { hammingLoss } from './hamming-loss.ts';
import { binarizeAt } from './binarize-at.ts';
import { checkMatrixPair } from './internal/check-matrix.ts';
import { checkThresholds } from './internal/check-thresholds.ts';
import { macroOf } from './internal/macro-of.ts';
import { microRanking } from './internal/micro-ranking.ts';
import { perLabelRanking } from './internal/per-label-ranking.ts';
import { labelRankingAveragePrecision } from './label-ranking-average-precision.ts';
import { multilabelBrierScore } from './multilabel-brier-score.ts';
import { multilabelConfusion } from './multilabel-confusion.ts';
import { precisionRecallF1, type PrecisionRecallF1 } from './precision-recall-f1.ts';
import type { Confusion, LabelMatrix, StatsProblem } from './types.ts';

/** Per-label row of a MultilabelSummary. */
export interface LabelSummary {
  label: number;
  name: string;
  positives: number;
  negatives: number;
  rocAuc: number;
  averagePrecision: number;
  brier: number;
  /** Why rocAuc/averagePrecision are NaN; '' when they are defined. */
  reason: string;
}

/** Threshold-dependent part of a MultilabelSummary. */
export interface ThresholdSummary {
  thresholds: number[];
  hammingLoss: number;
  exactMatchRatio: number;
  precisionRecallF1: PrecisionRecallF1;
  confusion: Confusion[];
}

/** Everything the trainer stores after evaluating one split. */
export interface MultilabelSummary {
  rows: number;
  cols: number;
  macroRocAuc: number;
  microRocAuc: number;
  macroAveragePrecision: number;
  microAveragePrecision: number;
  /** Thesis eq. 19 over all N x K cells. */
  brier: number;
  labelRankingAveragePrecision: number;
  /** Labels left out of the macro averages (no positives or no negatives). */
  skipped: { rocAuc: number; averagePrecision: number };
  perLabel: LabelSummary[];
  /** Present when `options.thresholds` was given. */
  atThresholds?: ThresholdSummary;
}

/** Options of multilabelSummary. */
export interface MultilabelSummaryOptions {
  /** Label names for perLabel[k].name (default 'label k'). */
  labels?: readonly string[];
  /** Per-label (or one shared) decision thresholds for the threshold-dependent metrics. */
  thresholds?: number | ArrayLike<number>;
  problems?: StatsProblem[];
}

/**
 * The evaluation summary of an N x K probability matrix: macro and micro AUC-ROC and PR-AUC
 * (macro skipping single-class labels, with counts), Brier (thesis eq. 19) overall and per label,
 * LRAP, per-label values, and - given thresholds - Hamming loss, exact-match ratio, micro/macro
 * precision, recall and F1, and per-label confusion matrices.
 *
 * Each figure equals the dedicated function (macroRocAuc, microAveragePrecision, ...), and so
 * scikit-learn where those say so; ranking metrics sort each label once for both AUC and AP.
 * Cost: O(K N log N + N K^2).
 * @throws StatsArgumentError for malformed or mismatched matrices, yTrue not 0/1, probabilities
 *   outside [0, 1], or labels/thresholds not one per label.
 * @example multilabelSummary({ rows: 4, cols: 1, data: [0, 0, 1, 1] }, { rows: 4, cols: 1, data: [0.1, 0.4, 0.35, 0.8] }).macroRocAuc // 0.75
 */
export function multilabelSummary(yTrue: LabelMatrix, yProb: LabelMatrix, options: MultilabelSummaryOptions = {}): MultilabelSummary {
  const fn = 'multilabelSummary';
  const { labels, thresholds, problems } = options;
  const m = checkMatrixPair(fn, yTrue, yProb, 'yProb', true);
  const { rows, cols } = m.yTrue;
  if (labels !== undefined && (!Array.isArray(labels) || labels.length !== cols)) {
    throw new StatsArgumentError(fn, 'options.labels', `${cols} label names`, labels);
  }
  const ranking = perLabelRanking(fn, m.yTrue, m.other, problems);
  const micro = microRanking(fn, m.yTrue, m.other, problems);
  const auc = macroOf(ranking.auc, ranking.reasons);
  const ap = macroOf(ranking.ap, ranking.reasons);
  const brier = multilabelBrierScore(m.yTrue, m.other);
  const summary: MultilabelSummary = {
    rows,
    cols,
    macroRocAuc: auc.macro,
    microRocAuc: micro.auc,
    macroAveragePrecision: ap.macro,
    microAveragePrecision: micro.ap,
    brier: brier.brier,
    labelRankingAveragePrecision: labelRankingAveragePrecision(m.yTrue, m.other),
    skipped: { rocAuc: auc.skipped, averagePrecision: ap.skipped },
    perLabel: ranking.auc.map((rocAuc, k) => ({
      label: k,
      name: labels?.[k] ?? `label ${k}`,
      positives: ranking.positives[k]!,
      negatives: rows - ranking.positives[k]!,
      rocAuc,
      averagePrecision: ranking.ap[k]!,
      brier: brier.perLabel[k]!,
      reason: ranking.reasons[k]!,
    })),
  };
  if (thresholds !== undefined) {
    const th = checkThresholds(fn, thresholds, cols);
    const yPred = binarizeAt(m.other, th);
    summary.atThresholds = {
      thresholds: Array.from(th),
      hammingLoss: hammingLoss(m.yTrue, yPred),
      exactMatchRatio: exactMatchRatio(m.yTrue, yPred),
      precisionRecallF1: precisionRecallF1(m.yTrue, m.other, th, problems),
      confusion: multilabelConfusion(m.yTrue, m.other, th),
    };
  }
  return summary;
}
