/**
 * One array task: the cell of its index in the frozen cell list, trained into the cell's own shard
 * (a SQLite file in rollback-journal mode, written by this task only) through the sweep worker's
 * cell runner, so the run, its checkpoints (`<shard>.checkpoints/<run id>/`) and its model
 * (`<shard>.models/<run id>/`) sit beside the shard. A restarted task opens the same shard and the
 * trainer resumes from the last checkpoint; a failure is recorded in the shard with its error.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openResultsStore } from '@cxr/results';
import { registerRunCell, type RunHooks } from '@cxr/train';
import type { ResolvedExperiment } from '../../experiments/resolve-experiment.ts';
import { runWorkerCell } from '../run-worker-cell.ts';
import type { CellResult } from '../worker-protocol.ts';
import { cellForTask, type CellList } from './cell-list.ts';

export interface RunTaskOptions {
  list: CellList;
  /** The cell list's file (for messages). */
  file: string;
  /** The experiment resolved now from list.flags (checked against the list). */
  resolved: ResolvedExperiment;
  index: number;
  backend: string;
  weightsRoot: string;
  dataRoot: string;
  signal: AbortSignal;
  hooks?: RunHooks;
  /** Plain lines (the task's log). */
  log: (line: string) => void;
}

/**
 * @throws SlurmSweepError when the list does not match the experiment or has no such index (before
 *   anything is written); SweepError when the trainer and the list disagree on the run.
 * @example await runTask({ list, file, resolved, index: 0, backend: 'wasm', ... }) // { status: 'done', runId: 1, ... }
 */
export async function runTask(o: RunTaskOptions): Promise<CellResult> {
  const { cell, frozen } = cellForTask(o.list, o.resolved, o.index, o.file);
  mkdirSync(dirname(frozen.shard), { recursive: true });
  const store = openResultsStore({ path: frozen.shard, journal: 'rollback' });
  try {
    const experiment = o.list.experiment;
    store.ensureExperiment(experiment, o.resolved.definition.title);
    const run = registerRunCell(store, { experiment, label: cell.level, config: cell.config, seed: cell.seed }, frozen.fingerprint);
    const restarts = Number(process.env['SLURM_RESTART_COUNT'] ?? 0);
    o.log(
      `cxr: cell ${o.index} of ${o.list.cells.length}: ${cell.level}, seed ${cell.seed} -> ${frozen.shard} (run ${run.id}, ${run.status}` +
        `${restarts > 0 ? `, restart ${restarts}` : ''})`,
    );
    if (run.status === 'done') return { status: 'skipped', runId: run.id, test: {}, seconds: 0 };
    let logged = 0;
    return await runWorkerCell(
      { store, backend: o.backend, weightsRoot: o.weightsRoot, dataRoot: o.dataRoot, ...(o.hooks ? { hooks: o.hooks } : {}) },
      {
        index: cell.index,
        runId: run.id,
        experiment,
        level: cell.level,
        seed: cell.seed,
        configHash: cell.configHash,
        config: cell.config,
      },
      o.signal,
      {
        progress: (p) => {
          if (p.steps === 0 || p.step !== p.steps || p.epoch <= logged) return;
          logged = p.epoch;
          o.log(`cxr: epoch ${p.epoch}/${p.epochs} done`);
        },
        message: (text) => o.log(`cxr: ${text}`),
      },
    );
  } finally {
    store.close();
  }
}
