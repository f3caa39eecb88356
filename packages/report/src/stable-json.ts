/** Pretty JSON with a stable key order, for exports and golden files that must not churn. */

/**
 * `value` as pretty-printed JSON (2 spaces, trailing newline) with every object's keys sorted, so
 * the same data always gives the same bytes. NaN and +-Infinity become null (as JSON.stringify
 * has it: a model's "not computable" numbers); undefined object entries are left out.
 *
 * @example stableJson({ b: 1, a: [NaN] }) // '{\n  "a": [\n    null\n  ],\n  "b": 1\n}\n'
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
