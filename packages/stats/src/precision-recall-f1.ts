import { macroOf } from './internal/macro-of.ts';
import { multilabelConfusion } from './multilabel-confusion.ts';
import type { LabelMatrix, MacroAverage, StatsProblem } from './types.ts';

/** Result of precisionRecallF1. */
export interface PrecisionRecallF1 {
  /** From the pooled counts of all labels (NaN only when the pooled denominator is 0). */
  micro: { precision: number; recall: number; f1: number };
  /** Unweighted means over labels where each value is defined. */
  macro: { precision: MacroAverage; recall: MacroAverage; f1: MacroAverage };
}

/**
 * Micro and macro precision, recall and F1 at per-label thresholds (positive when
 * score >= thresholds[k]). Per label: precision = tp/(tp+fp) is undefined (NaN) when nothing is
 * predicted positive, recall = tp/(tp+fn) when the label has no positives, and
 * F1 = 2tp/(2tp+fp+fn) when both are empty; macro means skip NaN labels and count them.
 *
 * Where every value is defined this equals scikit-learn's `precision_recall_fscore_support(Y,
 * S >= thresholds, average='micro' | 'macro')`; where not, scikit-learn >= 1.3 with
 * `zero_division=np.nan` behaves the same (older versions substitute 0).
 * Cost: O(N K).
 * @throws StatsArgumentError as multilabelConfusion.
 * @example precisionRecallF1({ rows: 3, cols: 2, data: [1, 0, 0, 0, 1, 0] }, { rows: 3, cols: 2, data: [0.9, 0.1, 0.6, 0.2, 0.3, 0.1] }, 0.5)
 *   // micro { precision: 0.5, recall: 0.5, f1: 0.5 }; macro precision 0.5 (label 1 skipped: nothing predicted), recall 0.5 (label 1 skipped: no positives), f1 0.5 (label 1 skipped)
 */
export function precisionRecallF1(
  yTrue: LabelMatrix,
  yScore: LabelMatrix,
  thresholds: number | ArrayLike<number>,
  problems?: StatsProblem[],
): PrecisionRecallF1 {
  const fn = 'precisionRecallF1';
  const confusion = multilabelConfusion(yTrue, yScore, thresholds);
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const pReasons: string[] = [];
  const rReasons: string[] = [];
  const fReasons: string[] = [];
  let tp = 0;
  let fp = 0;
  let fnCount = 0;
  confusion.forEach((c, k) => {
    tp += c.tp;
    fp += c.fp;
    fnCount += c.fn;
    precision.push(ratio(c.tp, c.tp + c.fp));
    recall.push(ratio(c.tp, c.tp + c.fn));
    f1.push(ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn));
    pReasons.push(c.tp + c.fp === 0 ? 'precision undefined: nothing predicted positive' : '');
    rReasons.push(c.tp + c.fn === 0 ? 'recall undefined: yTrue has no positives' : '');
    fReasons.push(2 * c.tp + c.fp + c.fn === 0 ? 'F1 undefined: no positives and nothing predicted positive' : '');
    for (const reason of [pReasons[k]!, rReasons[k]!, fReasons[k]!]) if (reason) problems?.push({ fn, label: k, reason });
  });
  return {
    micro: { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fnCount), f1: ratio(2 * tp, 2 * tp + fp + fnCount) },
    macro: { precision: macroOf(precision, pReasons), recall: macroOf(recall, rReasons), f1: macroOf(f1, fReasons) },
  };
}

function ratio(num: number, den: number): number {
  return den === 0 ? Number.NaN : num / den;
}
