/**
 * One cell in a sweep worker: runExperiment with the cell's config, seed and level label, its
 * outcome turned into a CellResult. A cell's own failure never throws out of here: the trainer
 * records a failure after its claim; one before it (missing weights, a missing data folder) is
 * recorded here (failRunBeforeStart), so every failed cell has its error in results.db.
 */
import type { ResultsStore } from '@cxr/results';
import { failRunBeforeStart, resolveConfig, runConfigHash, runExperiment, TrainInterruptedError, type RunHooks } from '@cxr/train';
import { ipcProgress, type ProgressPort } from './ipc-progress.ts';
import { SweepError } from './sweep-error.ts';
import type { CellResult, WorkerCell } from './worker-protocol.ts';

/** What every cell of one worker shares. */
export interface WorkerContext {
  store: ResultsStore;
  /** The backend already started in this process (selectBackend's name). */
  backend: string;
  weightsRoot: string;
  dataRoot: string;
  hooks?: RunHooks;
}

/**
 * Runs `cell`; `signal` aborted -> the run is handed back as pending ('interrupted').
 *
 * @throws SweepError when the cell's config does not hash to the cell's config hash (parent and
 *   worker disagree on the config: a bug, never a cell's failure).
 * @example await runWorkerCell(ctx, cell, signal, port) // { status: 'done', runId: 3, test: { macro_auc_roc: 0.61 }, seconds: 4.2 }
 */
export async function runWorkerCell(ctx: WorkerContext, cell: WorkerCell, signal: AbortSignal, port: ProgressPort): Promise<CellResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const config = resolveConfig(cell.config);
  const hash = runConfigHash(config);
  if (hash !== cell.configHash) {
    throw new SweepError(
      `runWorkerCell: cell ${cell.index} (${cell.level}, seed ${cell.seed}) has config hash ${hash}, expected ${cell.configHash}`,
    );
  }
  const attemptsBefore = ctx.store.getRun(cell.runId).attempts;
  try {
    const out = await runExperiment({
      config,
      seed: cell.seed,
      store: ctx.store,
      backend: ctx.backend,
      experiment: cell.experiment,
      label: cell.level,
      weightsRoot: ctx.weightsRoot,
      dataRoot: ctx.dataRoot,
      progress: ipcProgress(port),
      hooks: ctx.hooks ?? {},
      signal,
    });
    if (out.runId !== cell.runId) {
      throw new SweepError(`runWorkerCell: cell ${cell.index} ran as run ${out.runId}, but run ${cell.runId} was registered for it`);
    }
    if (out.status === 'busy') return { status: 'busy', runId: out.runId, holder: out.holder ?? null, seconds: seconds() };
    return {
      status: out.status,
      runId: out.runId,
      test: out.test,
      seconds: seconds(),
      ...(out.epochs !== undefined ? { epochs: out.epochs } : {}),
      ...(out.resumedEpochs !== undefined ? { resumedEpochs: out.resumedEpochs } : {}),
    };
  } catch (error) {
    if (error instanceof SweepError) throw error;
    if (error instanceof TrainInterruptedError) {
      return { status: 'interrupted', runId: cell.runId, epochsDone: error.epochsDone, seconds: seconds() };
    }
    const row = ctx.store.getRun(cell.runId);
    // The trainer records what fails after its claim; what failed before it is recorded here.
    const byTrainer = row.status === 'failed' && row.attempts > attemptsBefore;
    const recorded = byTrainer || failRunBeforeStart(ctx.store, cell.runId, ctx.backend, error);
    return { status: 'failed', runId: cell.runId, error: errorLine(error), seconds: seconds(), recorded };
  }
}

/** An error's message (not its stack) for the summary; the stored error keeps the stack. */
export function errorLine(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
