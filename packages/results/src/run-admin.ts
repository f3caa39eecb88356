/**
 * Researchers' maintenance of runs, outside any claim: a failed run back to pending (`cxr db
 * retry`) and a run deleted with all its rows (`cxr db delete`). Each is one transaction whose
 * status check and write cannot be separated by another process.
 */
import type { StoreContext } from './context.ts';
import { ResultsNotFoundError, ResultsStateError } from './errors.ts';
import type { DeletedRun, RunStatus } from './types.ts';
import { integer } from './validate.ts';

/** Tables whose rows belong to a run (removed with it by ON DELETE CASCADE). */
const RUN_TABLES = ['epochs', 'metrics', 'label_metrics', 'predictions', 'problems'] as const;

/**
 * Puts a failed run back to 'pending' so the next sweep (or a claim with `retryFailed: false`)
 * starts it again; its error text stays until it finishes, its epochs and problems are kept.
 *
 * @throws ResultsNotFoundError for an unknown run id; ResultsStateError for a run that is not
 *   failed, e.g. `retryRun(runId): expected a failed run, but run 3 is done`.
 * @example retryRun(ctx, 3) // run 3: failed -> pending
 */
export function retryRun(ctx: StoreContext, runId: number): void {
  integer('retryRun', 'runId', runId, 1);
  ctx.db
    .transaction(() => {
      const status = runStatus(ctx, 'retryRun', runId);
      if (status !== 'failed') throw new ResultsStateError('retryRun', runId, 'a failed run', status);
      ctx.db.prepare(`UPDATE runs SET status = 'pending', ended_at = NULL WHERE id = ? AND status = 'failed'`).run(runId);
    })
    .immediate();
}

/**
 * Deletes a run and every row of it (epochs, metrics, label metrics, predictions, problems) in one
 * transaction; its config and experiment links stay. A running run is refused unless `force`
 * (its process would fail at its next write).
 *
 * @throws ResultsNotFoundError for an unknown run id; ResultsStateError for a running run without force.
 * @example deleteRun(ctx, 3) // { runId: 3, status: 'failed', rows: { epochs: 2, metrics: 0, label_metrics: 0, predictions: 0, problems: 1 } }
 */
export function deleteRun(ctx: StoreContext, runId: number, opts: { force?: boolean } = {}): DeletedRun {
  integer('deleteRun', 'runId', runId, 1);
  return ctx.db
    .transaction(() => {
      const status = runStatus(ctx, 'deleteRun', runId);
      if (status === 'running' && !opts.force) {
        throw new ResultsStateError('deleteRun', runId, 'a run that is not running (a running one needs force)', status);
      }
      const rows = Object.fromEntries(
        RUN_TABLES.map((t) => [t, ctx.db.prepare(`SELECT count(*) FROM ${t} WHERE run_id = ?`).pluck().get(runId) as number]),
      ) as DeletedRun['rows'];
      // Explicit deletes, not only the cascade: they hold even on a connection without foreign_keys.
      for (const t of RUN_TABLES) ctx.db.prepare(`DELETE FROM ${t} WHERE run_id = ?`).run(runId);
      ctx.db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
      return { runId, status, rows };
    })
    .immediate();
}

function runStatus(ctx: StoreContext, fn: string, runId: number): RunStatus {
  const row = ctx.db.prepare('SELECT status FROM runs WHERE id = ?').get(runId) as { status: RunStatus } | undefined;
  if (!row) throw new ResultsNotFoundError(fn, 'runId', `a run id in ${ctx.path}`, runId);
  return row.status;
}
