/**
 * Writing CSV by RFC 4180: a field is quoted (its quotes doubled) only when it holds a comma, a
 * quote, CR or LF. One place for the phantom writer's PadChest CSV and `cxr db runs --csv`.
 */

/**
 * One CSV field; null and undefined are empty.
 *
 * @example csvField('a "b", c') // '"a ""b"", c"'
 * @example csvField(0.1) // '0.1'
 */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows (the first is usually the header) as CSV with CRLF after every record, as RFC 4180 has it.
 *
 * @example toCsv([['a', 'b'], [1, 'x,y']]) // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}
