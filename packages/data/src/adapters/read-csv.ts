import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { DataFileError } from '../errors.ts';
import type { ProblemLog } from './problem-log.ts';

/** What a CSV must and may contain. */
export interface CsvSpec {
  /** Columns the adapter reads; a missing one throws, naming the file, line 1 and the column. */
  required: string[];
  /** Every column the published layout has; others are reported as problems. Omit to accept all. */
  known?: string[];
  /**
   * Free-text columns whose quoted values may hold line breaks (PadChest's Report). A quoted field
   * of any other column that runs past its line is an unbalanced quote. Default none.
   */
  multiline?: string[];
}

/** One data row: its 1-based first line in the file and its fields. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Column positions by (trimmed) header name. */
export type ColumnIndex = Map<string, number>;

/** What readCsv found: the header's columns and how many data rows the file has. */
export interface CsvSummary {
  columns: ColumnIndex;
  /** Data rows after the header, the malformed ones included (each one a problem, never passed to onRow). */
  rows: number;
}

/**
 * A quoted field may run over at most this many physical lines; an unbalanced quote is reported
 * once this far ahead has been searched, so it costs bounded work however long the file is.
 */
export const MAX_RECORD_LINES = 64;

/** One physical line: its text without the line break, and the break that ended it ('' at the end of the file). */
interface PhysicalLine {
  text: string;
  eol: string;
}

/**
 * Reads a comma-separated file (RFC 4180 quoting: a quoted field may hold commas, doubled quotes
 * and line breaks), checks its header against `spec`, and calls `onRow` for every row whose field
 * count matches the header. The file is decoded as UTF-8 (a BOM is dropped); lines end in LF, CRLF
 * or CR; empty lines are skipped.
 *
 * Resynchronisation: a row that cannot be parsed (an unbalanced quote, a quote inside an unquoted
 * field, text after a closing quote), has the wrong number of fields, or holds bytes that are not
 * UTF-8 is reported to `log` with the line it starts on and skipped, and reading resumes at the
 * very next physical line; so one bad quote loses one row, never the rows after it. A quoted field
 * may span lines only in a column of spec.multiline, and only when the row it completes has exactly
 * the header's field count and none of the lines it swallows would be a complete row on its own. A header whose trailing names are
 * empty (NIH's trailing comma) also accepts rows that stop after the last named column.
 *
 * Problem kinds: 'malformed-row' (quoting), 'short-row' / 'long-row' (field count), 'bad-encoding'
 * (invalid UTF-8), 'unknown-column' (a header name outside spec.known; nothing is skipped).
 *
 * Cost: one pass; memory of one chunk plus at most MAX_RECORD_LINES lines.
 * Throws DataFileError when the file cannot be read, is empty, has a malformed header, looks like
 * it uses another delimiter, or lacks a required column; and whatever `log` throws (strict mode).
 *
 * @example await readCsv('a.csv', { required: ['x'] }, log, (row, col) => row.fields[col.get('x')!]) // { columns, rows }
 */
export async function readCsv(
  file: string,
  spec: CsvSpec,
  log: ProblemLog,
  onRow: (row: CsvRow, columns: ColumnIndex) => void,
): Promise<CsvSummary> {
  try {
    await access(file);
  } catch (error) {
    throw new DataFileError(file, undefined, undefined, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let columns: ColumnIndex | undefined;
  let names: string[] = [];
  let width = 0;
  let minWidth = 0;
  let rows = 0;
  const multiline = new Set(spec.multiline ?? []);

  /** Buffered physical lines not yet consumed; buffer[start] is line `lineNo`. */
  let buffer: PhysicalLine[] = [];
  let start = 0;
  let lineNo = 1;
  const fieldName = (i: number): string | undefined => (columns ? names[i] || `column ${i + 1}` : undefined);

  /** Consumes every complete record in the buffer; with `final`, the buffer's end is the file's end. */
  const drain = (final: boolean): void => {
    while (start < buffer.length) {
      const first = buffer[start]!;
      if (first.text === '') {
        start++;
        lineNo++;
        continue;
      }
      const parsed = parseRecord(buffer, start, final, lineNo);
      if (parsed === 'more') return;
      const line = lineNo;
      if (!columns) {
        if ('error' in parsed) {
          throw new DataFileError(file, line, fieldName(parsed.field), `malformed header: ${parsed.error}`);
        }
        columns = checkHeader(file, line, parsed.fields, spec, log);
        names = parsed.fields.map((h) => h.trim());
        width = parsed.fields.length;
        minWidth = width;
        while (minWidth > 0 && names[minWidth - 1] === '') minWidth--;
        start += parsed.lines;
        lineNo += parsed.lines;
        continue;
      }
      rows++;
      let problem: { kind: string; field?: string | undefined; message: string } | undefined;
      if ('error' in parsed) {
        problem = { kind: 'malformed-row', field: fieldName(parsed.field), message: `${parsed.error}; row skipped` };
      } else if (
        parsed.lines > 1 &&
        (parsed.spanning.some((f) => !multiline.has(names[f] ?? '')) ||
          parsed.fields.length !== width ||
          swallowsARow(buffer, start, parsed.lines, width))
      ) {
        const opened = parsed.openedAt;
        const foreign = parsed.spanning.find((f) => !multiline.has(names[f] ?? ''));
        problem = {
          kind: 'malformed-row',
          field: fieldName(foreign ?? opened.field),
          message:
            `unbalanced quote: the quoted field opened on line ${line + opened.line} runs on to line ${line + parsed.lines - 1}` +
            (foreign !== undefined
              ? `, but ${JSON.stringify(names[foreign] ?? '')} is no free-text column`
              : parsed.fields.length !== width
                ? `, giving ${parsed.fields.length} fields instead of ${width}`
                : ', over lines that are complete rows on their own') +
            '; row skipped',
        };
      } else if (parsed.fields.length > width || parsed.fields.length < minWidth) {
        const n = parsed.fields.length;
        problem = {
          kind: n > width ? 'long-row' : 'short-row',
          message: `expected ${minWidth === width ? width : `${minWidth} to ${width}`} fields as in the header, found ${n}; row skipped`,
        };
      } else {
        const bad = parsed.fields.findIndex((f) => f.includes('\uFFFD'));
        if (bad !== -1) {
          problem = {
            kind: 'bad-encoding',
            field: fieldName(bad),
            message: `bytes that are not UTF-8 (shown as U+FFFD): ${JSON.stringify(parsed.fields[bad]!.slice(0, 60))}; row skipped`,
          };
        }
      }
      if (problem) {
        log.add({ file, line, ...(problem.field !== undefined && { field: problem.field }), kind: problem.kind, message: problem.message });
        // Resynchronise at the next physical line: only this row is lost.
        start++;
        lineNo++;
        continue;
      }
      const record = parsed as ParsedRecord;
      start += record.lines;
      lineNo += record.lines;
      onRow({ line, fields: record.fields }, columns);
    }
  };

  const decoder = new TextDecoder('utf-8');
  let tail = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const text = tail + decoder.decode(chunk, { stream: true });
    tail = splitLines(text, buffer);
    drain(false);
    if (start > 0) {
      buffer = buffer.slice(start);
      start = 0;
    }
  }
  const rest = tail + decoder.decode();
  if (rest !== '') {
    // The last line has no line break.
    splitLines(`${rest}\n`, buffer);
    buffer[buffer.length - 1]!.eol = '';
  }
  drain(true);
  if (!columns) throw new DataFileError(file, 1, undefined, 'the file is empty; expected a header row');
  return { columns, rows };
}

/**
 * Appends the complete lines of `text` to `out` and returns the unfinished rest (text after the
 * last line break; a trailing CR is held back, since an LF may follow in the next chunk).
 */
function splitLines(text: string, out: PhysicalLine[]): string {
  let from = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      out.push({ text: text.slice(from, i), eol: '\n' });
      from = i + 1;
    } else if (c === CR) {
      if (i + 1 === n) break;
      if (text.charCodeAt(i + 1) === LF) {
        out.push({ text: text.slice(from, i), eol: '\r\n' });
        i++;
      } else {
        out.push({ text: text.slice(from, i), eol: '\r' });
      }
      from = i + 1;
    }
  }
  return text.slice(from);
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

interface ParsedRecord {
  fields: string[];
  /** Physical lines the record took. */
  lines: number;
  /** Where the last multi-line quoted field opened: line offset from the record's first line, field index. */
  openedAt: { line: number; field: number };
  /** Indices of the quoted fields that run over more than one line. */
  spanning: number[];
}
interface BadRecord {
  error: string;
  /** Index of the field the error is in. */
  field: number;
}

/**
 * Parses the record that starts at buffer[at]. Returns 'more' when a quoted field is still open at
 * the end of the buffer and more lines may come.
 */
function parseRecord(buffer: PhysicalLine[], at: number, final: boolean, firstLine: number): ParsedRecord | BadRecord | 'more' {
  const fields: string[] = [];
  let open: string | null = null;
  let openedAt = { line: 0, field: 0 };
  const spanning: number[] = [];
  for (let k = 0; ; k++) {
    if (at + k >= buffer.length) {
      if (!final) return 'more';
      return {
        error: `unbalanced quote: the quoted field opened on line ${firstLine + openedAt.line} is never closed`,
        field: openedAt.field,
      };
    }
    if (k >= MAX_RECORD_LINES) {
      return {
        error: `unbalanced quote: the quoted field opened on line ${firstLine + openedAt.line} is not closed within ${MAX_RECORD_LINES} lines`,
        field: openedAt.field,
      };
    }
    const { text } = buffer[at + k]!;
    const n = text.length;
    let i = 0;
    let inQuoted = open !== null;
    let value: string = open !== null ? open + buffer[at + k - 1]!.eol : '';
    open = null;
    for (;;) {
      if (!inQuoted) {
        if (i < n && text.charCodeAt(i) === QUOTE) {
          inQuoted = true;
          value = '';
          i++;
          openedAt = { line: k, field: fields.length };
        } else {
          const comma = text.indexOf(',', i);
          const end = comma === -1 ? n : comma;
          const cell = text.slice(i, end);
          if (cell.includes('"')) {
            return {
              error: `a quote inside the unquoted field ${JSON.stringify(cell.slice(0, 40))} (quote the whole field)`,
              field: fields.length,
            };
          }
          fields.push(cell);
          if (comma === -1) return done(fields, k + 1, openedAt, spanning);
          i = comma + 1;
          continue;
        }
      }
      // Inside a quoted field: copy up to the next quote; "" is a literal quote.
      const q = text.indexOf('"', i);
      if (q === -1) {
        open = value + text.slice(i);
        break;
      }
      value += text.slice(i, q);
      if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
        value += '"';
        i = q + 2;
        continue;
      }
      inQuoted = false;
      fields.push(value);
      if (openedAt.line !== k) spanning.push(fields.length - 1);
      i = q + 1;
      if (i === n) return done(fields, k + 1, openedAt, spanning);
      if (text.charCodeAt(i) !== COMMA) {
        const after = JSON.stringify(text.slice(i, i + 20));
        return {
          error:
            openedAt.line === k
              ? `unbalanced quote: the quoted field closes before ${after} (a quote inside a quoted field must be doubled)`
              : `unbalanced quote: the quoted field opened on line ${firstLine + openedAt.line} closes on line ${firstLine + k}, followed by ${after}`,
          field: fields.length - 1,
        };
      }
      i++;
    }
  }
}

function done(fields: string[], lines: number, openedAt: { line: number; field: number }, spanning: number[]): ParsedRecord {
  return { fields, lines, openedAt, spanning };
}

/**
 * True when one of the lines after the first of a multi-line record parses on its own as a
 * complete row of `width` fields: then the "multi-line field" is an unbalanced quote that ate rows.
 */
function swallowsARow(buffer: PhysicalLine[], at: number, lines: number, width: number): boolean {
  for (let k = 1; k < lines; k++) {
    const alone = parseRecord([buffer[at + k]!], 0, true, 0);
    if (alone !== 'more' && 'fields' in alone && alone.lines === 1 && alone.fields.length === width) return true;
  }
  return false;
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
      if (!known.has(name)) log.add({ file, line, field: name, kind: 'unknown-column', message: `unknown column ${JSON.stringify(name)}` });
    }
  }
  return columns;
}
