/** How a metric name reads in a table header. */

const LABELS: Record<string, string> = {
  macro_auc_roc: 'AUC-ROC',
  macro_pr_auc: 'PR-AUC',
  micro_auc_roc: 'micro AUC-ROC',
  micro_pr_auc: 'micro PR-AUC',
  brier: 'Brier',
  loss: 'loss',
  lrap: 'LRAP',
};

/**
 * The column header of a metric: the thesis' names for the ones it reports, else the name itself.
 *
 * @example metricLabel('macro_auc_roc') // 'AUC-ROC'
 * @example metricLabel('macro_spec_at_sens95') // 'macro_spec_at_sens95'
 */
export function metricLabel(metric: string): string {
  return LABELS[metric] ?? metric;
}
