/**
 * Small formatting helpers of the `cxr db` commands and `cxr train`'s problem line: dates,
 * durations, ages, RFC 4180 CSV, and the count of problems by kind.
 */
import type { ProblemCount, RunRow } from '@cxr/results';

/** A time (ms since the epoch) as `2026-12-01 10:00:05 UTC`; '-' for null. */
export function formatDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}

/**
 * A duration in seconds for people: `8.2 s`, `4 min 05 s`, `2 h 03 min`; '-' for null.
 *
 * @example formatSeconds(245) // '4 min 05 s'
 */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '-';
  if (s < 59.95) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How long a run took: start -> end, or start -> now while it runs; null when it never started or waits. */
export function runDurationMs(run: Pick<RunRow, 'status' | 'startedAt' | 'endedAt'>, now: number): number | null {
  if (run.startedAt === null || run.startedAt === undefined) return null;
  if (run.status === 'running') return Math.max(0, now - run.startedAt);
  if (run.status === 'pending' || run.endedAt === null || run.endedAt === undefined) return null;
  return Math.max(0, run.endedAt - run.startedAt);
}

/** Age of a running run's heartbeat; null for runs that are not running. */
export function heartbeatAgeMs(run: Pick<RunRow, 'status' | 'heartbeatAt'>, now: number): number | null {
  if (run.status !== 'running' || run.heartbeatAt === null || run.heartbeatAt === undefined) return null;
  return Math.max(0, now - run.heartbeatAt);
}

/** `12.0 s ago`; '-' for null. */
export function formatAge(ms: number | null): string {
  return ms === null ? '-' : `${formatSeconds(ms / 1000)} ago`;
}

/**
 * The line `cxr train` prints after a run whose dataset had problems; null when it had none.
 *
 * @example problemSummaryLine([{ kind: 'missing-image', count: 11 }, { kind: 'malformed-row', count: 1 }], 4)
 *   // '12 rows skipped: 11 missing-image, 1 malformed-row; see cxr db show 4'
 */
export function problemSummaryLine(counts: readonly ProblemCount[], runId: number): string | null {
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (total === 0) return null;
  return `${total} ${total === 1 ? 'row' : 'rows'} skipped: ${counts.map((c) => `${c.count} ${c.kind}`).join(', ')}; see cxr db show ${runId}`;
}
