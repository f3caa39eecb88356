/**
 * How numbers and metric names print on every page and chart, so the HTML table, the Vega-Lite
 * table and the charts show the same digits.
 */
import { formatP } from './model/format-p.ts';
import type { MetricSummary } from './report-types.ts';

/** The en dash printed for a number that is missing or not finite. */
export const MISSING = '–';

/**
 * `x` with `digits` decimals; NaN, infinities, null and undefined print as an en dash.
 *
 * @example fixed(0.81234, 3) // '0.812'
 * @example fixed(Number.NaN) // '–'
 */
export function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? MISSING : x.toFixed(digits);
}

/**
 * A p-value as the verdicts print it (formatP: three decimals, '< 0.001' below), an en dash when
 * not computed.
 *
 * @example pText(0.0361) // '0.036'
 * @example pText(Number.NaN) // '–'
 */
export function pText(p: number): string {
  return Number.isFinite(p) ? formatP(p) : MISSING;
}

/**
 * "mean ± sd" of a summary (sd '–' for one run), an en dash for none.
 *
 * @example meanSd({ n: 3, mean: 0.82, sd: 0.01, values: [], seeds: [] }) // '0.820 ± 0.010'
 */
export function meanSd(s: { mean: number; sd: number } | MetricSummary | null | undefined, digits = 3): string {
  return s ? `${fixed(s.mean, digits)} ± ${fixed(s.sd, digits)}` : MISSING;
}

const METRIC_NAMES: Record<string, string> = {
  macro_auc_roc: 'AUC-ROC',
  macro_pr_auc: 'PR-AUC',
  auc_roc: 'AUC-ROC',
  brier: 'Brier score',
  loss: 'loss',
};

/**
 * The reader's name of a stored metric; unknown names print as stored.
 *
 * @example metricName('macro_auc_roc') // 'AUC-ROC'
 * @example metricName('f1_macro') // 'f1_macro'
 */
export function metricName(metric: string): string {
  return METRIC_NAMES[metric] ?? metric;
}
