/** How a p-value reads in verdicts and tables. */

/**
 * A p-value with three decimals, '< 0.001' below that, NaN as 'n/a'.
 *
 * @example formatP(0.0123) // '0.012'
 * @example formatP(0.0004) // '< 0.001'
 */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
