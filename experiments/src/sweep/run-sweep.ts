/**
 * One `cxr sweep` in the parent process, after its arguments are resolved: prepare what the cells
 * need (phantom sets, pretrained backbones), register every cell up front, run those not done
 * (failed ones only with `retryFailed`) in worker processes, and read back the runs for the summary.
 */
import type { ResultsStore, RunRow } from '@cxr/results';
import type { ProgressReporter } from '@cxr/train';
import type { ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import { prepareSweep } from './prepare-sweep.ts';
import { registerSweepCells, type RegisteredCell } from './register-cells.ts';
import { runCells, type CellOutcome, type WorkerProcess } from './run-cells.ts';
import type { SweepView } from './sweep-view-types.ts';
import type { WorkerCell } from './worker-protocol.ts';

export interface RunSweepOptions {
  resolved: ResolvedExperiment;
  store: ResultsStore;
  workers: number;
  /** Run failed cells again (else they are reported, not rerun). */
  retryFailed: boolean;
  dataRoot: string;
  weightsRoot: string;
  spawn: () => WorkerProcess;
  /** Made once the cells are registered (it shows done/total). */
  view: (totals: { total: number; done: number; toRun: number; workers: number }) => SweepView;
  /** Ctrl-C / SIGTERM: a pretraining stops at once (saving nothing), every worker hands its cell back. */
  signal: AbortSignal;
  /** Lines about preparation and registration (phantom written, pretraining). */
  progress: ProgressReporter;
  retryAfterMs?: number;
}

export interface RunSweepResult {
  registered: RegisteredCell[];
  /** The cells handed to workers. */
  queued: number;
  outcomes: CellOutcome[];
  interrupted: boolean;
  /** The cells' runs as results.db has them at the end, by run id. */
  runs: Map<number, RunRow>;
}

/** The worker's view of a registered cell. */
export function workerCell(experiment: string, r: RegisteredCell): WorkerCell {
  return {
    index: r.cell.index,
    runId: r.run.id,
    experiment,
    level: r.cell.level,
    seed: r.cell.seed,
    configHash: r.cell.configHash,
    config: r.cell.config,
  };
}

/**
 * @throws what preparation or registration throws (bad data folder, pretraining), before any cell
 *   runs; SweepError from runCells when workers cannot start.
 * @example const result = await runSweep({ resolved, store, workers: 2, retryFailed: false, ... })
 */
export async function runSweep(o: RunSweepOptions): Promise<RunSweepResult> {
  const experiment = o.resolved.definition.name;
  const prepared = await prepareSweep(o.resolved, {
    dataRoot: o.dataRoot,
    weightsRoot: o.weightsRoot,
    progress: o.progress,
    signal: o.signal,
  });
  const registered = registerSweepCells(o.store, o.resolved, prepared.fingerprints);
  if (prepared.interrupted) {
    // Ctrl-C during a pretraining: the cells are registered (pending), none started
    const runs = new Map(registered.map(({ run }) => [run.id, o.store.getRun(run.id)]));
    return { registered, queued: 0, outcomes: [], interrupted: true, runs };
  }
  const toRun = registered.filter(
    ({ run }) => run.status === 'pending' || run.status === 'running' || (o.retryFailed && run.status === 'failed'),
  );
  const done = registered.filter(({ run }) => run.status === 'done').length;
  const workers = Math.max(1, Math.min(o.workers, toRun.length));
  const view = o.view({ total: registered.length, done, toRun: toRun.length, workers });
  let outcomes: CellOutcome[] = [];
  let interrupted = o.signal.aborted;
  try {
    if (toRun.length > 0) {
      const ran = await runCells({
        cells: toRun.map((r) => workerCell(experiment, r)),
        workers,
        spawn: o.spawn,
        view,
        signal: o.signal,
        ...(o.retryAfterMs !== undefined ? { retryAfterMs: o.retryAfterMs } : {}),
      });
      outcomes = ran.outcomes;
      interrupted = ran.interrupted;
    }
  } finally {
    view.close();
  }
  const runs = new Map(registered.map(({ run }) => [run.id, o.store.getRun(run.id)]));
  return { registered, queued: toRun.length, outcomes, interrupted, runs };
}
