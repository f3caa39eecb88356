// Plain-text table of throughput cells: one row per backbone and size, one column per backend
// and mode, images/s (or '-' with the notes listed underneath).
import type { ThroughputCell } from './measure-throughput.ts';
import { formatProfile } from './profile-step.ts';

const columnOf = (c: ThroughputCell) => `${c.backend}${c.wasmKernels === 'required' ? '(required kernels)' : ''} ${c.mode}`;

/** Renders cells as an aligned text table followed by any notes and step profiles. */
export function formatThroughputTable(cells: readonly ThroughputCell[]): string {
  const columns = [...new Set(cells.map(columnOf))];
  const rows = [...new Set(cells.map((c) => `${c.backbone} ${c.size}px b${c.batch}`))];
  const value = (row: string, col: string) => {
    const c = cells.find((x) => `${x.backbone} ${x.size}px b${x.batch}` === row && columnOf(x) === col);
    if (c == null) return '';
    return c.imagesPerSecond == null ? '-' : c.imagesPerSecond.toFixed(1) + (c.note ? '*' : '');
  };
  const header = ['images/s', ...columns];
  const body = rows.map((r) => [r, ...columns.map((c) => value(r, c))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const notes = cells.filter((c) => c.note).map((c) => `  ${c.backbone} ${c.size}px ${c.backend} ${c.mode}: ${c.note}`);
  const profiles = cells
    .filter((c) => c.profile)
    .map((c) => `profile of one step, ${c.backbone} ${c.size}px b${c.batch} ${columnOf(c)}: ${formatProfile(c.profile!)}`);
  // A software adapter's figures must never pass for a GPU's: the table names each adapter measured.
  const adapters = [...new Set(cells.filter((c) => c.adapter).map((c) => `${c.backend} adapter: ${c.adapter}`))];
  return [
    line(header),
    ...body.map(line),
    ...adapters,
    ...(notes.length ? ['notes (* = fewer timed steps, - = skipped):', ...notes] : []),
    ...profiles,
  ].join('\n');
}
