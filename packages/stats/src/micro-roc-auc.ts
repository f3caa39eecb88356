import { checkMatrixPair } from './internal/check-matrix.ts';
import { microRanking } from './internal/micro-ranking.ts';
import type { LabelMatrix, StatsProblem } from './types.ts';

/**
 * Micro AUC-ROC: rocAuc over all N x K (truth, score) cells pooled, dominated by frequent labels.
 *
 * Same as scikit-learn's `roc_auc_score(Y, S, average='micro')`. NaN (reason in `problems`) when
 * the pooled cells lack a class.
 * Cost: O(NK log NK).
 * @throws StatsArgumentError for malformed or mismatched matrices, yTrue not 0/1, non-finite scores.
 * @example microRocAuc({ rows: 2, cols: 2, data: [0, 0, 1, 1] }, { rows: 2, cols: 2, data: [0.1, 0.4, 0.35, 0.8] }) // 0.75
 */
export function microRocAuc(yTrue: LabelMatrix, yScore: LabelMatrix, problems?: StatsProblem[]): number {
  const m = checkMatrixPair('microRocAuc', yTrue, yScore, 'yScore');
  return microRanking('microRocAuc', m.yTrue, m.other, problems).auc;
}
