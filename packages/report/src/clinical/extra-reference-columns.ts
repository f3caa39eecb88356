/** Table 9's extra quoted columns: each row gets each column's AUC for its label. */
import type { ReferenceColumn, Table9Row } from './clinical-types.ts';
import { labelKey } from './label-key.ts';

/**
 * `rows` with `extra` filled from `columns` (matched as Table 9 matches labels: trimmed, any case;
 * null where a column names no such label); the rows unchanged when there are no columns, so a
 * model without extra columns is what it was.
 *
 * @example withExtraColumns(rows, [{ name: 'Baseline-U0', source: '...', auc: { Edema: 0.93 } }])[0].extra // [0.93]
 */
export function withExtraColumns(rows: Table9Row[], columns: readonly ReferenceColumn[]): Table9Row[] {
  if (columns.length === 0) return rows;
  const keyed = columns.map((c) => new Map(Object.entries(c.auc).map(([label, auc]) => [labelKey(label), auc])));
  return rows.map((r) => ({ ...r, extra: keyed.map((m) => m.get(labelKey(r.label)) ?? null) }));
}
