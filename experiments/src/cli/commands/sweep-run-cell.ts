/**
 * `cxr sweep run-cell EXPERIMENT [--cells FILE] [--index I]`: what each task of a Slurm job array
 * (or a Kubernetes Indexed Job) runs - cell I of the frozen cell list, into its own shard. I comes
 * from --index, else SLURM_ARRAY_TASK_ID, else JOB_COMPLETION_INDEX. SIGTERM (Slurm's preemption
 * or requeue, or the array script on its USR1 warning) hands the run back with its checkpoints
 * (exit 143); the restarted task resumes. Exit 1 when the cell failed (recorded in the shard).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backendNames, selectBackend, type BackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { installInterrupts, signalExitCode } from '../interrupts.ts';
import { resolveSweep, sweepDbPath, SWEEP_DATA_ROOT, SWEEP_WEIGHTS_ROOT } from '../sweep-args.ts';
import { findSweepExperiment } from '../test-experiments.ts';
import { holdHookFromEnv, runHooksFromEnv } from '../test-hooks.ts';
import { readCellList } from '../../sweep/slurm/cell-list.ts';
import { runTask } from '../../sweep/slurm/run-cell.ts';
import { SlurmSweepError } from '../../sweep/slurm/slurm-error.ts';
import { slurmSweepDir } from '../../sweep/slurm/slurm-folder.ts';
import { taskIndex } from '../../sweep/slurm/task-index.ts';

interface RunCellArgs {
  experiment: string;
  cells?: string;
  index?: number;
  backend: BackendName;
  db?: string;
}

/**
 * The newest submission's cell list of `experiment` (`<db>.slurm/<experiment>/submit-*\/cells.json`).
 *
 * @throws SlurmSweepError when there is none.
 */
export function latestCellList(dbPath: string, experiment: string): string {
  const dir = slurmSweepDir(dbPath, experiment);
  const found = existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => d.startsWith('submit-') && existsSync(join(dir, d, 'cells.json')))
        .sort()
    : [];
  if (found.length === 0)
    throw new SlurmSweepError(
      `cxr sweep run-cell: expected --cells FILE or a submission under ${dir}, found none (cxr sweep ${experiment} --launcher slurm writes one)`,
    );
  return join(dir, found[found.length - 1]!, 'cells.json');
}

const command: CliCommand = {
  group: 'sweep',
  module: {
    command: 'run-cell <experiment>',
    describe:
      'Run one cell of a Slurm/Kubernetes array into its own shard (index from --index, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)',
    builder: (y) =>
      y
        .positional('experiment', { type: 'string', describe: 'Experiment name' })
        .option('cells', { type: 'string', describe: "The submission's cells.json (default: the newest under <db>.slurm/<experiment>/)" })
        .option('index', {
          type: 'number',
          requiresArg: true,
          describe: 'Task index (default: $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX)',
        })
        .option('backend', { type: 'string', choices: backendNames, default: 'auto' as BackendName, describe: 'tfjs backend' })
        .option('db', {
          type: 'string',
          describe: 'Results database whose <db>.slurm folder holds the submission (default: $CXR_DB, else results.db)',
        }),
    handler: async (argv) => {
      const a = argv as unknown as RunCellArgs;
      const index = taskIndex(a.index);
      const file = resolve(a.cells ?? latestCellList(sweepDbPath(a), a.experiment));
      const list = readCellList(file);
      const resolved = resolveSweep(await findSweepExperiment(a.experiment), list.flags as Parameters<typeof resolveSweep>[1]);
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const interrupts = installInterrupts({ write: log });
      try {
        const backend = await selectBackend(a.backend, log);
        const result = await runTask({
          list,
          file,
          resolved,
          index,
          backend: backend.backend,
          weightsRoot: resolve(SWEEP_WEIGHTS_ROOT),
          dataRoot: resolve(SWEEP_DATA_ROOT),
          signal: interrupts.signal,
          hooks: { ...runHooksFromEnv(process.env), ...holdHookFromEnv(process.env, index) },
          log,
        });
        if (result.status === 'interrupted') {
          log(
            `cxr: cell ${index} handed back as pending after ${result.epochsDone} epoch(s); a restarted task resumes from its checkpoint`,
          );
          process.exitCode = signalExitCode(interrupts.received() ?? 'SIGTERM');
        } else if (result.status === 'failed') {
          log(`cxr: cell ${index} failed (recorded in the shard): ${result.error}`);
          process.exitCode = 1;
        } else if (result.status === 'busy') {
          log(`cxr: cell ${index}: another live process holds run ${result.runId}`);
          process.exitCode = 75;
        } else {
          const auc = 'test' in result ? result.test['macro_auc_roc'] : undefined;
          log(`cxr: cell ${index} ${result.status}${auc !== undefined ? `, test macro AUC ${auc.toFixed(3)}` : ''}`);
        }
      } finally {
        interrupts.dispose();
      }
    },
  },
};

export default command;
