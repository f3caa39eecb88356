/**
 * A table as a Vega-Lite spec: text marks on a row x column grid with striped rows and a
 * highlighted background for marked cells, so a table is a Vega-Lite artefact a user can restyle.
 * Column widths follow their longest text (a uniform grid cuts long verdicts), so x is a pixel
 * position computed here and y the row.
 */
import type { TopLevelSpec } from 'vega-lite';
import { COLORS, SPEC_CONFIG } from './spec-config.ts';

/** One cell of a grid table; `mark` highlights it (best row, significant difference). */
export interface GridCell {
  row: number;
  column: string;
  text: string;
  mark: boolean;
}

/** Approximate width of one character at font size 11 (bold, with a margin over vega's 0.6 em estimate). */
const CHAR_PX = 7;
const PAD_PX = 16;

/**
 * The spec of a table with `columns` (in order) and `cells`; row 0 is the first data row, the
 * header is drawn above it in bold.
 *
 * @example gridTableSpec('T', ['a'], [{ row: 0, column: 'a', text: '1', mark: false }]).title // 'T'
 */
export function gridTableSpec(title: string, columns: string[], cells: GridCell[]): TopLevelSpec {
  const widths = columns.map((c) =>
    Math.ceil(Math.max(c.length, ...cells.filter((x) => x.column === c).map((x) => x.text.length)) * CHAR_PX + PAD_PX),
  );
  const left = widths.map((_, i) => widths.slice(0, i).reduce((s, w) => s + w, 0));
  const total = widths.reduce((s, w) => s + w, 0);
  const place = (column: string) => {
    const i = columns.indexOf(column);
    return { x0: left[i]!, x1: left[i]! + widths[i]!, xc: left[i]! + widths[i]! / 2 };
  };
  const header = columns.map((column) => ({ row: -1, column, text: column, mark: false, header: true, stripe: false, ...place(column) }));
  const body = cells.map((c) => ({ ...c, header: false, stripe: c.row % 2 === 1, ...place(c.column) }));
  const rows = [-1, ...[...new Set(cells.map((c) => c.row))].sort((a, b) => a - b)];
  const x = { type: 'quantitative' as const, scale: { domain: [0, total], nice: false, zero: true }, axis: null };
  const y = { field: 'row', type: 'ordinal' as const, sort: rows, scale: { domain: rows }, axis: null };
  const text = { field: 'text', type: 'nominal' as const };
  return {
    title,
    config: SPEC_CONFIG,
    width: total,
    height: { step: 22 },
    data: { values: [...header, ...body] },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x0', ...x },
          x2: { field: 'x1' },
          y,
          color: {
            condition: [
              { test: 'datum.header', value: '#e5e7eb' },
              { test: 'datum.mark', value: COLORS.highlight },
              { test: 'datum.stripe', value: COLORS.stripe },
            ],
            value: 'white',
          },
        },
      },
      // fontWeight is no encoding channel, so bold (header, marked) and plain cells are two layers
      {
        transform: [{ filter: '!datum.mark && !datum.header' }],
        mark: { type: 'text', fontSize: 11, color: COLORS.ink },
        encoding: { x: { field: 'xc', ...x }, y, text },
      },
      {
        transform: [{ filter: 'datum.mark || datum.header' }],
        mark: { type: 'text', fontSize: 11, color: COLORS.ink, fontWeight: 'bold' },
        encoding: { x: { field: 'xc', ...x }, y, text },
      },
    ],
  };
}
