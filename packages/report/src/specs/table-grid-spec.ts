/**
 * A table as a Vega-Lite spec: text marks on a row x column grid with striped rows and a
 * highlighted background for marked cells, so a table is a Vega-Lite artefact a user can restyle.
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

/**
 * The spec of a table with `columns` (in order) and `cells`; row 0 is the first data row (the
 * header is the top axis).
 *
 * @example gridTableSpec('T', ['a'], [{ row: 0, column: 'a', text: '1', mark: false }]).title // 'T'
 */
export function gridTableSpec(title: string, columns: string[], cells: GridCell[], columnWidth = 110): TopLevelSpec {
  const rows = [...new Set(cells.map((c) => c.row))].sort((a, b) => a - b);
  const values = cells.map((c) => ({ ...c, stripe: c.row % 2 === 1 }));
  const x = {
    field: 'column',
    type: 'ordinal' as const,
    sort: columns,
    scale: { domain: columns },
    axis: { orient: 'top' as const, labelAngle: 0, ticks: false, domain: false, labelFontWeight: 'bold' as const },
    title: null,
  };
  const y = { field: 'row', type: 'ordinal' as const, sort: rows, axis: null };
  return {
    title,
    config: SPEC_CONFIG,
    width: { step: columnWidth },
    height: { step: 22 },
    data: { values },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x,
          y,
          color: {
            condition: [
              { test: 'datum.mark', value: COLORS.highlight },
              { test: 'datum.stripe', value: COLORS.stripe },
            ],
            value: 'white',
          },
        },
      },
      // fontWeight is no encoding channel, so marked and plain cells are two filtered text layers
      {
        transform: [{ filter: '!datum.mark' }],
        mark: { type: 'text', fontSize: 11, color: COLORS.ink },
        encoding: { x, y, text: { field: 'text', type: 'nominal' } },
      },
      {
        transform: [{ filter: 'datum.mark' }],
        mark: { type: 'text', fontSize: 11, color: COLORS.ink, fontWeight: 'bold' },
        encoding: { x, y, text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
}
