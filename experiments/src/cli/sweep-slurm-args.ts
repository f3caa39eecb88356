/**
 * `cxr sweep --launcher slurm` and its sbatch flags: the options `cxr sweep` adds, and the handler
 * branch that submits instead of running workers (sweep/slurm/launch-slurm.ts does the work).
 */
import { join, resolve } from 'node:path';
import { selectBackend, silentProgress, type BackendName } from '@cxr/train';
import type { Argv } from 'yargs';
import type { ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import { formatLaunch, launchSlurmSweep } from '../sweep/slurm/launch-slurm.ts';
import type { SlurmJobOptions } from '../sweep/slurm/sbatch-script.ts';
import { slurmSweepDir } from '../sweep/slurm/slurm-folder.ts';
import { SWEEP_DATA_ROOT, SWEEP_WEIGHTS_ROOT, type SweepArgs } from './sweep-args.ts';

export const LAUNCHERS = ['local', 'slurm'] as const;

/** The parsed flags: the sbatch ones as SlurmJobOptions names them (yargs gives --sbatch-arg as sbatchArg). */
export interface SlurmSweepArgs extends SweepArgs, Omit<SlurmJobOptions, 'sbatchArgs'> {
  launcher: (typeof LAUNCHERS)[number];
  sbatchArg?: string[];
  submit: boolean;
}

/** The bin/cxr.mjs a task runs: this install's (the shared filesystem's). */
const CLI_PATH = resolve(import.meta.dirname, '..', '..', 'bin', 'cxr.mjs');

/** Adds --launcher and the sbatch flags. */
export function slurmSweepOptions<T>(y: Argv<T>) {
  const slurm = 'with --launcher slurm: ';
  return y
    .option('launcher', {
      type: 'string',
      choices: LAUNCHERS,
      default: 'local',
      describe: 'local: worker processes here; slurm: one job array task per cell',
    })
    .option('partition', { type: 'string', requiresArg: true, describe: `${slurm}sbatch --partition` })
    .option('time', { type: 'string', requiresArg: true, describe: `${slurm}time limit per task, [D-]HH:MM:SS` })
    .option('gpus-per-task', { type: 'number', requiresArg: true, describe: `${slurm}sbatch --gpus-per-task` })
    .option('cpus-per-task', { type: 'number', requiresArg: true, describe: `${slurm}sbatch --cpus-per-task` })
    .option('mem', { type: 'string', requiresArg: true, describe: `${slurm}sbatch --mem, e.g. 16G` })
    .option('array-parallel', { type: 'number', requiresArg: true, describe: `${slurm}tasks running at once (the array's %K)` })
    .option('account', { type: 'string', requiresArg: true, describe: `${slurm}sbatch --account` })
    .option('submit', {
      type: 'boolean',
      default: true,
      describe: `${slurm}--no-submit writes the cell list and scripts without sbatch (for Kubernetes Indexed Jobs and other array schedulers)`,
    })
    .option('sbatch-arg', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: `${slurm}another sbatch option, e.g. --sbatch-arg=--qos=long`,
    });
}

/**
 * Submits the sweep (or with `dryRun` prints its scripts) and prints the job ids and how to follow them.
 *
 * @throws SlurmSweepError for bad sbatch flags or a failing sbatch.
 */
export async function slurmSweep(
  a: SlurmSweepArgs & { dryRun: boolean; retryFailed: boolean; backend: BackendName; out: string },
  resolved: ResolvedExperiment,
  dbPath: string,
): Promise<void> {
  const job: SlurmJobOptions = {
    ...(a.partition !== undefined ? { partition: a.partition } : {}),
    ...(a.time !== undefined ? { time: a.time } : {}),
    ...(a.gpusPerTask !== undefined ? { gpusPerTask: a.gpusPerTask } : {}),
    ...(a.cpusPerTask !== undefined ? { cpusPerTask: a.cpusPerTask } : {}),
    ...(a.mem !== undefined ? { mem: a.mem } : {}),
    ...(a.arrayParallel !== undefined ? { arrayParallel: a.arrayParallel } : {}),
    ...(a.account !== undefined ? { account: a.account } : {}),
    ...(a.sbatchArg !== undefined ? { sbatchArgs: a.sbatchArg } : {}),
  };
  const err = (line: string) => process.stderr.write(`${line}\n`);
  // Pretraining a missing backbone on the submitting machine needs a backend; a dry run needs none.
  if (!a.dryRun) await selectBackend(a.backend === 'auto' ? 'auto' : a.backend, err);
  const name = resolved.definition.name;
  // A task re-resolves its cell from the code and the frozen flags, which give the trials but not
  // the replicates of a best trial chosen from results later; those run with a local `cxr sweep`.
  if (resolved.search)
    err(
      `${name} has a search: this submits the grid and the ${resolved.search.levels.reduce((n, l) => n + l.trials.length, 0)} trials; ` +
        `once they are merged, \`cxr sweep ${name}\` (local workers) runs the best trial's replicates`,
    );
  const result = await launchSlurmSweep({
    resolved,
    flags: {
      profile: a.profile,
      ...(a.seeds ? { seeds: a.seeds } : {}),
      ...(a.dataset ? { dataset: a.dataset } : {}),
      ...(a.dataDir ? { dataDir: resolve(a.dataDir) } : {}),
      ...(a.set ? { set: a.set } : {}),
    },
    dbPath,
    job,
    context: { cwd: process.cwd(), node: process.execPath, cli: CLI_PATH, backend: a.backend },
    retryFailed: a.retryFailed,
    dryRun: a.dryRun,
    submit: a.submit,
    reportOut: resolve(a.out),
    dataRoot: SWEEP_DATA_ROOT,
    weightsRoot: SWEEP_WEIGHTS_ROOT,
    progress: { ...silentProgress, message: err },
  });
  if (a.dryRun) {
    if (!result.arrayScript) console.log(`${name}: every cell is done; nothing would be submitted`);
    else {
      console.log(`# ${result.cells.length} task(s); would be written to ${result.submitDir}/array.sbatch`);
      console.log(result.arrayScript);
      console.log(`# then, with --dependency=afterany:<array job id>, ${result.submitDir}/merge.sbatch`);
      console.log(result.mergeScript);
    }
    return;
  }
  for (const line of formatLaunch(result, name, join(slurmSweepDir(dbPath, name), 'logs'), dbPath)) console.log(line);
}
