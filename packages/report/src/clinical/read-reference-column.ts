/** A reference AUC-ROC column read from a user's JSON or CSV file (Table 9's comparison column). */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ReportFileError } from '../errors.ts';
import type { ReferenceColumn } from './clinical-types.ts';
import { labelKey } from './label-key.ts';

function checkedAuc(file: string, where: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new ReportFileError(file, where, 'an AUC-ROC in [0, 1]', value);
  return value;
}

/** label -> AUC with every label used once (matched as Table 9 matches them: trimmed, any case). */
function collect(file: string, entries: { label: unknown; auc: unknown; where: string }[]): Record<string, number> {
  if (entries.length === 0) throw new ReportFileError(file, '', 'at least one label with its AUC', 'an empty column');
  const seen = new Map<string, string>();
  const out: Record<string, number> = {};
  for (const e of entries) {
    if (typeof e.label !== 'string' || e.label.trim() === '')
      throw new ReportFileError(file, `${e.where} field "label"`, 'a label name', e.label);
    const key = labelKey(e.label);
    if (seen.has(key))
      throw new ReportFileError(
        file,
        `${e.where} field "label"`,
        `a label not given before (${JSON.stringify(seen.get(key))} is)`,
        e.label,
      );
    seen.set(key, e.label);
    out[e.label.trim()] = checkedAuc(file, `${e.where} field "auc"`, e.auc);
  }
  return out;
}

function fromJson(file: string, text: string): ReferenceColumn {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(file, '', 'JSON', (error as Error).message);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ReportFileError(file, '', 'a JSON object {label: auc} or {name, source, auc}', data);
  const record = data as Record<string, unknown>;
  const wrapped = 'auc' in record && typeof record['auc'] === 'object';
  const table = (wrapped ? record['auc'] : record) as Record<string, unknown>;
  if (typeof table !== 'object' || table === null || Array.isArray(table))
    throw new ReportFileError(file, 'key "auc"', 'an object {label: auc}', table);
  for (const key of ['name', 'source'] as const) {
    if (wrapped && key in record && typeof record[key] !== 'string')
      throw new ReportFileError(file, `key "${key}"`, 'a string', record[key]);
  }
  return {
    name: wrapped && typeof record['name'] === 'string' ? record['name'] : basename(file, extname(file)),
    source: wrapped && typeof record['source'] === 'string' ? record['source'] : file,
    auc: collect(
      file,
      Object.entries(table).map(([label, auc]) => ({ label, auc, where: `key ${JSON.stringify(wrapped ? `auc.${label}` : label)}` })),
    ),
  };
}

function fromCsv(file: string, text: string): ReferenceColumn {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new ReportFileError(file, '', 'CSV with a header row label,auc', (error as Error).message);
  }
  if (rows.length === 0) throw new ReportFileError(file, '', 'a header row label,auc and one row per label', 'an empty file');
  const header = rows[0]!.map((h) => h.toLowerCase());
  const li = header.indexOf('label');
  const ai = header.indexOf('auc');
  if (li < 0 || ai < 0) throw new ReportFileError(file, 'row 1 (header)', 'columns "label" and "auc"', rows[0]!.join(','));
  const entries = rows.slice(1).map((r, i) => {
    const where = `row ${i + 2}`;
    if (r.length !== header.length) throw new ReportFileError(file, where, `${header.length} fields (as the header)`, r.length);
    const raw = r[ai]!;
    const auc = raw === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
    return { label: r[li], auc, where };
  });
  return { name: basename(file, extname(file)), source: file, auc: collect(file, entries) };
}

/**
 * Reads a reference column: JSON `{"label": auc, ...}` or `{"name", "source", "auc": {...}}`, or
 * CSV with a header row naming `label` and `auc` (any order, other columns ignored). Without a name
 * the column is called after the file's stem and its source is the path. Labels are trimmed; they
 * are matched to the dataset's later, case-insensitively.
 *
 * @throws ReportFileError naming the file, row or key and field: unreadable or empty file, malformed
 *   JSON or CSV, a missing label/auc column, an AUC not in [0, 1], a label given twice.
 * @example readReferenceColumn('ref.csv') // { name: 'ref', source: 'ref.csv', auc: { cardiomegaly: 0.907 } }
 */
export function readReferenceColumn(path: string): ReferenceColumn {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReportFileError(
      path,
      '',
      'a readable reference file (JSON or CSV)',
      (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    );
  }
  if (text.trim() === '') throw new ReportFileError(path, '', 'a reference column', 'an empty file');
  const json = extname(path).toLowerCase() === '.json' || (extname(path).toLowerCase() !== '.csv' && /^\s*\{/.test(text));
  return json ? fromJson(path, text) : fromCsv(path, text);
}
