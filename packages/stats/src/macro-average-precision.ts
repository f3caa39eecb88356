import { checkMatrixPair } from './internal/check-matrix.ts';
import { macroOf } from './internal/macro-of.ts';
import { perLabelRanking } from './internal/per-label-ranking.ts';
import type { LabelMatrix, MacroAverage, StatsProblem } from './types.ts';

/**
 * Macro PR-AUC of an N x K matrix pair: the unweighted mean of the per-label averagePrecision
 * values, skipping labels without both classes (counted in `skipped`, reasons in
 * `skippedLabels` and `problems`).
 *
 * Same as scikit-learn's `average_precision_score(Y, S, average='macro')` when every label has
 * both classes.
 * Cost: O(K N log N).
 * @throws StatsArgumentError for malformed or mismatched matrices, yTrue not 0/1, non-finite scores.
 * @example macroAveragePrecision({ rows: 4, cols: 1, data: [0, 0, 1, 1] }, { rows: 4, cols: 1, data: [0.1, 0.4, 0.35, 0.8] })
 *   // { macro: 0.8333333333333333, perLabel: [0.8333333333333333], skipped: 0, skippedLabels: [] }
 */
export function macroAveragePrecision(yTrue: LabelMatrix, yScore: LabelMatrix, problems?: StatsProblem[]): MacroAverage {
  const m = checkMatrixPair('macroAveragePrecision', yTrue, yScore, 'yScore');
  const r = perLabelRanking('macroAveragePrecision', m.yTrue, m.other, problems);
  return macroOf(r.ap, r.reasons);
}
