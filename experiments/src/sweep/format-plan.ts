/**
 * The table `cxr sweep --dry-run` and `cxr sweep status` print: a heading with the counts and the
 * estimated time left, then one row per cell (level, seed, status, run, attempts, estimate or error).
 */
import { formatSeconds } from '@cxr/train';
import type { PlannedCell, PlannedStatus } from './plan-cells.ts';

/** Counts by status (every status present, 0 when none). */
export function planCounts(cells: readonly PlannedCell[]): Record<PlannedStatus, number> {
  const counts: Record<PlannedStatus, number> = { done: 0, running: 0, pending: 0, failed: 0, 'not registered': 0 };
  for (const c of cells) counts[c.status] += 1;
  return counts;
}

/**
 * Estimated seconds for the cells not done, spread over `workers`: null when some cell's time is unknown.
 *
 * @example planEstimate([{ status: 'pending', estimateSeconds: 10 }, { status: 'pending', estimateSeconds: 10 }], 2) // 10
 */
export function planEstimate(
  cells: readonly Pick<PlannedCell, 'status' | 'estimateSeconds'>[],
  workers: number,
): { seconds: number | null; unknown: number } {
  const left = cells.filter((c) => c.status !== 'done');
  const unknown = left.filter((c) => c.estimateSeconds === null).length;
  const total = left.reduce((sum, c) => sum + (c.estimateSeconds ?? 0), 0);
  return { seconds: unknown ? null : total / Math.max(1, workers), unknown };
}

/**
 * @example formatPlan('table2-unfreeze', 'smoke', cells, 2) // ['table2-unfreeze (profile smoke): 18 cells - 6 done, ...', '  level  seed  status ...', ...]
 */
export function formatPlan(
  experiment: string,
  profile: string,
  cells: readonly PlannedCell[],
  workers: number,
  failedWillRun = false,
): string[] {
  const counts = planCounts(cells);
  const parts = (Object.entries(counts) as [PlannedStatus, number][]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const est = planEstimate(failedWillRun ? cells : cells.filter((c) => c.status !== 'failed'), workers);
  const left = cells.length - counts.done - (failedWillRun ? 0 : counts.failed);
  const eta =
    left === 0
      ? 'nothing left to run'
      : est.seconds === null
        ? `estimated time unknown (${est.unknown} of ${left} cells have no done run of their level yet)`
        : `estimated ${formatSeconds(est.seconds)} with ${workers} worker${workers === 1 ? '' : 's'} (from done runs of each level)`;
  const rows = cells.map((c) => [
    String(c.index),
    c.level,
    String(c.seed),
    c.status,
    c.runId === null ? '-' : String(c.runId),
    String(c.attempts),
    c.status === 'done'
      ? `took ${c.seconds === null ? '?' : formatSeconds(c.seconds)}`
      : c.status === 'failed'
        ? (c.error ?? 'failed')
        : c.status === 'running'
          ? `held by ${c.holder ?? '?'}`
          : c.estimateSeconds === null
            ? 'estimate unknown'
            : `~${formatSeconds(c.estimateSeconds)}`,
  ]);
  const header = ['#', 'level', 'seed', 'status', 'run', 'attempts', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `  ${r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')}`;
  return [`${experiment} (profile ${profile}): ${cells.length} cells - ${parts.join(', ')}; ${eta}`, line(header), ...rows.map(line)];
}
