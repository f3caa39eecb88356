import { checkMatrixPair } from './internal/check-matrix.ts';
import { macroOf } from './internal/macro-of.ts';
import { perLabelRanking } from './internal/per-label-ranking.ts';
import type { LabelMatrix, MacroAverage, StatsProblem } from './types.ts';

/**
 * Macro AUC-ROC of an N x K matrix pair: the unweighted mean of the per-label rocAuc values,
 * skipping labels without both classes (counted in `skipped`, reasons in `skippedLabels` and
 * `problems`). The trainer's early-stopping criterion.
 *
 * Same as scikit-learn's `roc_auc_score(Y, S, average='macro')` when every label has both
 * classes (scikit-learn raises otherwise).
 * Cost: O(K N log N).
 * @throws StatsArgumentError for malformed or mismatched matrices, yTrue not 0/1, non-finite scores.
 * @example macroRocAuc({ rows: 4, cols: 2, data: [0, 1, 0, 1, 1, 1, 1, 1] }, { rows: 4, cols: 2, data: [0.1, 0.2, 0.4, 0.3, 0.35, 0.5, 0.8, 0.9] })
 *   // { macro: 0.75, perLabel: [0.75, NaN], skipped: 1, skippedLabels: [{ label: 1, reason: 'yTrue has no negatives (4 positives)' }] }
 */
export function macroRocAuc(yTrue: LabelMatrix, yScore: LabelMatrix, problems?: StatsProblem[]): MacroAverage {
  const m = checkMatrixPair('macroRocAuc', yTrue, yScore, 'yScore');
  const r = perLabelRanking('macroRocAuc', m.yTrue, m.other, problems);
  return macroOf(r.auc, r.reasons);
}
