/** Runs counted by status, every status present (zero when none). */
import { RUN_STATUSES, type RunStatus } from '@cxr/results';

/**
 * How many of `runs` are in each status, with a key for every status.
 *
 * @example runCounts([{ status: 'done' }, { status: 'failed' }]) // { pending: 0, running: 0, done: 1, failed: 1 }
 */
export function runCounts(runs: readonly { status: RunStatus }[]): Record<RunStatus, number> {
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const run of runs) counts[run.status]++;
  return counts;
}
