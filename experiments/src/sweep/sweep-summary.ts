/**
 * The end of a sweep: what happened to each cell (from this sweep's outcomes and the runs as
 * results.db has them now), the failures with their run ids and errors, the exit code, the lines
 * printed and the `--json` summary.
 */
import type { RunRow } from '@cxr/results';
import { formatSeconds } from '@cxr/train';
import type { RegisteredCell } from './register-cells.ts';
import type { CellOutcome } from './run-cells.ts';
import { aucPhrase } from './sweep-view.ts';

/** One cell at the end of a sweep. */
export interface SummaryCell {
  index: number;
  level: string;
  seed: number;
  runId: number;
  /** The run's status in results.db now. */
  status: RunRow['status'];
  /** What this sweep did with it: trained it, found it done, left it failed, lost it, was interrupted, or nothing. */
  outcome: 'trained' | 'already done' | 'failed' | 'failed before' | 'lost' | 'interrupted' | 'not run';
  attempts: number;
  testMacroAucRoc: number | null;
  seconds: number | null;
  error: string | null;
}

export interface SweepSummary {
  experiment: string;
  profile: string;
  seeds: number[];
  db: string;
  backend: string;
  workers: number;
  interrupted: boolean;
  seconds: number;
  counts: { cells: number; done: number; trained: number; alreadyDone: number; failed: number; pending: number };
  cells: SummaryCell[];
  failures: { runId: number; level: string; seed: number; error: string }[];
  report: string | null;
}

/**
 * @example summarizeSweep({ registered, outcomes, runs, ... }).counts // { cells: 4, done: 3, trained: 3, alreadyDone: 0, failed: 1, pending: 0 }
 */
export function summarizeSweep(o: {
  experiment: string;
  profile: string;
  seeds: number[];
  db: string;
  backend: string;
  workers: number;
  registered: readonly RegisteredCell[];
  outcomes: readonly CellOutcome[];
  /** The cells' runs as results.db has them now, by run id. */
  runs: ReadonlyMap<number, RunRow>;
  interrupted: boolean;
  seconds: number;
  report: string | null;
}): SweepSummary {
  const byIndex = new Map(o.outcomes.map((x) => [x.cell.index, x.result]));
  const cells = o.registered.map(({ cell, run: before }): SummaryCell => {
    const run = o.runs.get(before.id) ?? before;
    const result = byIndex.get(cell.index);
    const outcome: SummaryCell['outcome'] =
      result?.status === 'done'
        ? 'trained'
        : result?.status === 'skipped' || (!result && before.status === 'done')
          ? 'already done'
          : result?.status === 'failed'
            ? 'failed'
            : result?.status === 'lost'
              ? 'lost'
              : result?.status === 'interrupted'
                ? 'interrupted'
                : before.status === 'failed'
                  ? 'failed before'
                  : 'not run';
    const error =
      result?.status === 'failed' || result?.status === 'lost'
        ? result.error
        : run.status === 'failed'
          ? (run.error?.split('\n', 1)[0] ?? null)
          : null;
    return {
      index: cell.index,
      level: cell.level,
      seed: cell.seed,
      runId: run.id,
      status: run.status,
      outcome,
      attempts: run.attempts,
      testMacroAucRoc: run.metrics['test']?.['macro_auc_roc'] ?? null,
      seconds: result && 'seconds' in result && result.status === 'done' ? result.seconds : null,
      error,
    };
  });
  const failed = cells.filter((c) => c.outcome === 'failed' || c.outcome === 'failed before' || c.outcome === 'lost');
  return {
    experiment: o.experiment,
    profile: o.profile,
    seeds: o.seeds,
    db: o.db,
    backend: o.backend,
    workers: o.workers,
    interrupted: o.interrupted,
    seconds: o.seconds,
    counts: {
      cells: cells.length,
      done: cells.filter((c) => c.status === 'done').length,
      trained: cells.filter((c) => c.outcome === 'trained').length,
      alreadyDone: cells.filter((c) => c.outcome === 'already done').length,
      failed: failed.length,
      pending: cells.filter((c) => c.status === 'pending' || c.status === 'running').length,
    },
    cells,
    failures: failed.map((c) => ({ runId: c.runId, level: c.level, seed: c.seed, error: c.error ?? 'failed' })),
    report: o.report,
  };
}

/** Exit code of `cxr sweep`: 0 when every cell is done, 1 when any failed (or is left undone). */
export function summaryExitCode(s: SweepSummary): number {
  return s.counts.failed > 0 || s.counts.done < s.counts.cells ? 1 : 0;
}

/**
 * The lines printed at the end (stderr with --json, else stdout).
 *
 * @example formatSummary(s) // ['table2-unfreeze: 18/18 cells done (12 trained now, 6 already done) in 4 min 2 s', ...]
 */
export function formatSummary(s: SweepSummary, resume: string): string[] {
  const c = s.counts;
  const lines = [
    `${s.experiment} (profile ${s.profile}): ${c.done}/${c.cells} cells done (${c.trained} trained now, ${c.alreadyDone} already done)` +
      `${c.failed ? `, ${c.failed} failed` : ''}${c.pending ? `, ${c.pending} not done` : ''} in ${formatSeconds(s.seconds)}`,
  ];
  const trained = s.cells.filter((x) => x.outcome === 'trained');
  for (const x of trained) {
    lines.push(
      `  ${x.level} seed ${x.seed} (run ${x.runId}): ${aucPhrase(x.testMacroAucRoc === null ? {} : { macro_auc_roc: x.testMacroAucRoc })}`,
    );
  }
  if (s.failures.length) {
    lines.push(`failed cells (${s.failures.length}):`);
    for (const f of s.failures) lines.push(`  run ${f.runId} ${f.level} seed ${f.seed}: ${f.error}`);
    lines.push(`run them again with: ${resume} --retry-failed (cxr db show RUN has each error in full)`);
  }
  if (s.report) lines.push(`report: ${s.report}`);
  return lines;
}
