/** The family correction and the verdicts of an experiment's comparisons. */
import { benjaminiHochberg, holm } from '@cxr/stats';
import type { ComparisonRow } from '../report-types.ts';
import { formatP } from './format-p.ts';
import { higherIsBetter } from './metric-direction.ts';

/**
 * Adjusts the p-values of every computable comparison of the experiment as one family - all
 * metrics times all planned comparisons, since a reader scans the whole table for a difference
 * and any of them would be reported - with Holm (family-wise error) or Benjamini-Hochberg
 * ('bh', false discovery rate) from @cxr/stats; then significant = pAdjusted < alpha and the verdict.
 * Rows that are not computable stay out of the family (pAdjusted NaN, verdict 'not computable').
 *
 * @returns new rows, in the same order.
 * @example adjustComparisons(rows, 'holm', 0.05)[4].verdict // "'90 %' higher (p_adj < 0.001)"
 */
export function adjustComparisons(rows: readonly ComparisonRow[], correction: 'holm' | 'bh', alpha: number): ComparisonRow[] {
  const family = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.notComputable === null);
  const adjusted = (correction === 'bh' ? benjaminiHochberg : holm)(family.map(({ r }) => r.p));
  const byIndex = new Map(family.map(({ i }, k) => [i, adjusted[k]!]));
  return rows.map((row, i) => {
    const pAdjusted = byIndex.get(i) ?? NaN;
    const significant = pAdjusted < alpha;
    return { ...row, pAdjusted, significant, verdict: verdict(row, pAdjusted, significant) };
  });
}

/** e.g. "'90 %' higher (p_adj = 0.012)", "'weighted-bce' lower, better (p_adj < 0.001)", "no significant difference (p_adj = 0.600)". */
function verdict(row: ComparisonRow, pAdjusted: number, significant: boolean): string {
  if (row.notComputable !== null) return 'not computable';
  const p = formatP(pAdjusted);
  const pText = p.startsWith('<') ? `p_adj ${p}` : `p_adj = ${p}`;
  if (!significant) return `no significant difference (${pText})`;
  const higher = row.difference > 0 ? row.a : row.b;
  if (higherIsBetter(row.metric)) return `'${higher}' higher (${pText})`;
  return `'${higher === row.a ? row.b : row.a}' lower, better (${pText})`;
}
