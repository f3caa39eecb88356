/**
 * Which way a metric improves. The report's "best" row and best-vs-next comparisons follow it, so
 * a Brier score or a loss column picks its lowest mean, not its highest.
 */

/** Metric names (or name suffixes after '_') where lower is better; every other metric is higher-is-better. */
const LOWER_IS_BETTER = ['brier', 'loss', 'hamming_loss', 'ece', 'log_loss'];

/**
 * True when a higher value of `metric` is better (AUC-ROC, PR-AUC, F1 ...), false for errors and
 * losses ('brier', 'loss', 'hamming_loss', 'ece', or any name ending in '_loss' or '_brier').
 *
 * @example higherIsBetter('macro_auc_roc') // true
 * @example higherIsBetter('brier') // false
 */
export function higherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.some((name) => metric === name || metric.endsWith(`_${name}`));
}
