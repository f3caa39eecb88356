import { prepareTwoClass } from './internal/prepare-two-class.ts';
import { walkThresholds } from './internal/walk-thresholds.ts';
import type { StatsProblem } from './types.ts';

/**
 * The threshold maximising Youden's J = sensitivity + specificity - 1 (the ROC point farthest
 * above the chance diagonal); the largest such threshold on ties, +Infinity when no threshold
 * beats J = 0. Same as `thresholds[argmax(tpr - fpr)]` over scikit-learn's
 * `roc_curve(drop_intermediate=False)` (the `find_optimal_thresholds_by_roc` rule of seed
 * document 000, section 2.5.3 - except that a single-class label gives NaN, not 0.5).
 *
 * Cost: O(N log N).
 * @throws StatsArgumentError for bad yTrue/yScore (see rocAuc).
 * @example youdenThreshold([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8
 */
export function youdenThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, problems?: StatsProblem[]): number {
  const classes = prepareTwoClass('youdenThreshold', yTrue, yScore, problems);
  if (!classes) return Number.NaN;
  const P = classes.pos.length;
  const N = classes.neg.length;
  let best = Number.POSITIVE_INFINITY;
  let bestJ = 0;
  walkThresholds(classes.pos, classes.neg, (t, tp, fp) => {
    const j = tp / P - fp / N;
    if (j > bestJ) {
      bestJ = j;
      best = t;
    }
    return true;
  });
  return best;
}
