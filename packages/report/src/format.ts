/**
 * The text of numbers in the HTML tables and the Vega-Lite specs: the digits of the Markdown and
 * LaTeX tables (render/table-cells.ts, one source), with an en dash where those print nothing.
 */
import { DIGITS, fixed as tableFixed, meanSd as tableMeanSd } from './render/table-cells.ts';
import { formatP } from './model/format-p.ts';
import type { MetricSummary } from './report-types.ts';

/** The en dash printed for a number that is missing or not finite. */
export const MISSING = '–';

/**
 * `x` with `digits` decimals (default: a mean's); NaN, infinities and null print as an en dash.
 *
 * @example fixed(0.81234) // '0.812'
 * @example fixed(Number.NaN) // '–'
 */
export function fixed(x: number | null | undefined, digits: number = DIGITS.mean): string {
  return tableFixed(x ?? null, digits) || MISSING;
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
 * "mean ± sd" (sd '–' for one run), an en dash for no summary; a published {mean, sd} prints alike.
 *
 * @example meanSd({ n: 3, mean: 0.82, sd: 0.01, values: [], seeds: [] }) // '0.820 ± 0.010'
 */
export function meanSd(s: { mean: number; sd: number } | MetricSummary | null | undefined): string {
  const parts = s ? tableMeanSd({ n: 0, values: [], seeds: [], ...s }) : null;
  return parts ? `${parts.mean || MISSING} ± ${parts.sd || MISSING}` : MISSING;
}
