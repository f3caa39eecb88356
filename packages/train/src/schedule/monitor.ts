/**
 * What plateau and early stopping watch: validation macro AUC-ROC, validation macro F1 at the
 * per-class thresholds fixed on validation (seed 000's "best model" criterion; both higher is
 * better) or the validation loss (lower is better).
 */
export const SCHEDULE_MONITORS = ['val_macro_auc', 'val_loss', 'val_macro_f1'] as const;
export type ScheduleMonitor = (typeof SCHEDULE_MONITORS)[number];

/** The validation metric a monitor reads (the loss is not among the metrics). */
export const MONITOR_METRIC: Record<ScheduleMonitor, string | null> = {
  val_macro_auc: 'macro_auc_roc',
  val_macro_f1: 'macro_f1',
  val_loss: null,
};

/**
 * The monitored value of one validation pass; NaN when the metric is missing.
 *
 * @example monitoredValue('val_macro_f1', { loss: 0.4, metrics: { macro_f1: 0.31 } }) // 0.31
 */
export function monitoredValue(monitor: ScheduleMonitor, val: { loss: number; metrics: Record<string, number> }): number {
  const key = MONITOR_METRIC[monitor];
  return key === null ? val.loss : (val.metrics[key] ?? Number.NaN);
}
