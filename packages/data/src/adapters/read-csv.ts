import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { DataFileError } from '../errors.ts';
import type { ProblemLog } from './problem-log.ts';

/** What a CSV must and may contain. */
export interface CsvSpec {
  /** Columns the adapter reads; a missing one throws, naming the file, line 1 and the column. */
  required: string[];
  /** Every column the published layout has; others are reported as problems. Omit to accept all. */
  known?: string[];
}

/** One data row: its 1-based first line in the file and its fields. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Column positions by (trimmed) header name. */
export type ColumnIndex = Map<string, number>;

/**
 * Streams a comma-separated file through csv-parse (RFC 4180 quoting, so quoted commas, quotes and
 * newlines in a free-text column are one field), checks its header against `spec`, and calls
 * `onRow` for every row whose field count matches the header. Rows csv-parse cannot parse and rows
 * with the wrong number of fields go to `log` with their line and are skipped; one bad row never
 * stops the load (unless the log is strict). A header whose trailing names are empty (NIH's
 * trailing comma) also accepts rows that stop after the last named column.
 *
 * Cost: one pass, memory of one row at a time.
 * Throws DataFileError when the file cannot be read, is empty, looks like it uses another
 * delimiter, or lacks a required column.
 *
 * @example await readCsv('a.csv', { required: ['x'] }, log, (row, col) => row.fields[col.get('x')!])
 */
export async function readCsv(
  file: string,
  spec: CsvSpec,
  log: ProblemLog,
  onRow: (row: CsvRow, columns: ColumnIndex) => void,
): Promise<ColumnIndex> {
  try {
    await access(file);
  } catch (error) {
    throw new DataFileError(file, undefined, undefined, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true }),
  );
  parser.on('skip', (error: CsvError & { lines?: number }) => {
    log.add({ file, line: error.lines, message: `unparseable row: ${error.message}` });
  });
  let columns: ColumnIndex | undefined;
  let width = 0;
  let minWidth = 0;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    const { record, info, raw } = item;
    const line = info.lines - newlinesInside(raw);
    if (!columns) {
      columns = checkHeader(file, line, record, spec, log);
      width = record.length;
      minWidth = width;
      while (minWidth > 0 && record[minWidth - 1]!.trim() === '') minWidth--;
      continue;
    }
    if (record.length > width || record.length < minWidth) {
      log.add({ file, line, message: `expected ${width} fields as in the header, found ${record.length}` });
      continue;
    }
    onRow({ line, fields: record }, columns);
  }
  if (!columns) throw new DataFileError(file, 1, undefined, 'the file is empty; expected a header row');
  return columns;
}

function newlinesInside(raw: string): number {
  let n = 0;
  for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) n++;
  return raw.endsWith('\n') ? n - 1 : n;
}

const OTHER_DELIMITERS: [string, string][] = [
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'pipe'],
];

function checkHeader(file: string, line: number, header: string[], spec: CsvSpec, log: ProblemLog): ColumnIndex {
  const names = header.map((h) => h.trim());
  if (names.length === 1 && spec.required.length > 1) {
    const other = OTHER_DELIMITERS.find(([d]) => names[0]!.includes(d));
    const hint = other ? ` and looks ${other[1]}-separated` : '';
    throw new DataFileError(
      file,
      line,
      undefined,
      `expected comma-separated columns, but the header has one column${hint}: ${JSON.stringify(names[0]!.slice(0, 80))}`,
    );
  }
  const columns: ColumnIndex = new Map();
  names.forEach((name, i) => {
    if (!columns.has(name)) columns.set(name, i);
  });
  for (const name of spec.required) {
    if (!columns.has(name)) {
      throw new DataFileError(
        file,
        line,
        name,
        `missing required column ${JSON.stringify(name)}; the header has [${names.map((n) => JSON.stringify(n)).join(', ')}]`,
      );
    }
  }
  if (spec.known) {
    const known = new Set(spec.known);
    for (const name of names) {
      if (!known.has(name)) log.add({ file, line, field: name, message: `unknown column ${JSON.stringify(name)}` });
    }
  }
  return columns;
}
