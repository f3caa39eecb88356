/**
 * What plateau and early stopping watch: validation macro AUC-ROC (higher is better) or the
 * validation loss (lower is better).
 */
export const SCHEDULE_MONITORS = ['val_macro_auc', 'val_loss'] as const;
export type ScheduleMonitor = (typeof SCHEDULE_MONITORS)[number];
