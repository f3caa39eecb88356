/**
 * The two sbatch scripts of a Slurm sweep, as text a person can read before submitting
 * (`--dry-run` prints them): one job array with a task per pending cell, and the job that merges
 * the shards and writes the report once the array has ended (submitted with afterany).
 */
import { describeValue } from '@cxr/core';
import { SlurmSweepError } from './slurm-error.ts';

/** What `cxr sweep --launcher slurm` takes from its flags for sbatch. */
export interface SlurmJobOptions {
  partition?: string;
  /** Time limit per task, e.g. '04:00:00' (sbatch --time). */
  time?: string;
  gpusPerTask?: number;
  cpusPerTask?: number;
  /** Memory per node, e.g. '16G' (sbatch --mem). */
  mem?: string;
  /** Tasks running at once (the array's %K throttle); default: no throttle. */
  arrayParallel?: number;
  account?: string;
  /** Further sbatch options, each one `#SBATCH` line, e.g. '--qos=long'. */
  sbatchArgs?: string[];
}

/** How a task starts the CLI and where its files go (absolute paths). */
export interface ScriptContext {
  experiment: string;
  /** The working directory of every task (data/ and weights/ are relative to it). */
  cwd: string;
  logDir: string;
  /** The node binary and bin/cxr.mjs as the submitting machine has them (the shared install). */
  node: string;
  cli: string;
  backend: string;
}

/** The seconds before the time limit at which Slurm sends USR1 to the batch shell. */
export const WARNING_SECONDS = 120;

/** A word for bash, single-quoted where it needs to be. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Checks the options sbatch would otherwise reject only after the cells were frozen.
 *
 * @throws SlurmSweepError naming the flag and the value received.
 * @example checkSlurmOptions({ time: '4:00:00', arrayParallel: 2 }) // no throw
 */
export function checkSlurmOptions(o: SlurmJobOptions): void {
  const positive = (flag: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1))
      throw new SlurmSweepError(`cxr sweep --launcher slurm: expected ${flag} to be an integer >= 1, received ${describeValue(v)}`);
  };
  positive('--array-parallel', o.arrayParallel);
  positive('--gpus-per-task', o.gpusPerTask);
  positive('--cpus-per-task', o.cpusPerTask);
  if (o.time !== undefined && !/^(\d+-)?\d+(:\d\d){0,2}$/.test(o.time))
    throw new SlurmSweepError(
      `cxr sweep --launcher slurm: expected --time as [D-]HH:MM:SS (or minutes), received ${describeValue(o.time)}`,
    );
  for (const arg of o.sbatchArgs ?? [])
    if (!arg.startsWith('-') || /[\n\r]/.test(arg))
      throw new SlurmSweepError(
        `cxr sweep --launcher slurm: expected each --sbatch-arg to be one sbatch option such as --qos=long, received ${describeValue(arg)}`,
      );
}

function resourceLines(o: SlurmJobOptions, withGpus: boolean): string[] {
  const lines: string[] = [];
  if (o.partition) lines.push(`--partition=${o.partition}`);
  if (o.account) lines.push(`--account=${o.account}`);
  if (withGpus && o.time) lines.push(`--time=${o.time}`);
  if (withGpus && o.gpusPerTask) lines.push(`--gpus-per-task=${o.gpusPerTask}`);
  if (withGpus && o.cpusPerTask) lines.push(`--cpus-per-task=${o.cpusPerTask}`);
  if (withGpus && o.mem) lines.push(`--mem=${o.mem}`);
  if (withGpus) lines.push(...(o.sbatchArgs ?? []));
  return lines.map((l) => `#SBATCH ${l}`);
}

/**
 * The job array: task I runs cell I of `cellsFile` (`cxr sweep run-cell`, which reads
 * SLURM_ARRAY_TASK_ID). On USR1 (the time-limit warning, or a site's preemption notice) the shell
 * stops the cell after its current batch - SIGTERM, so the run is handed back as pending with its
 * checkpoints - and requeues its own task, which then resumes from the checkpoint.
 *
 * @example arrayScript(ctx, { arrayParallel: 2 }, 4, '/r/results.db.slurm/t2/submit-1/cells.json') // '#!/bin/bash\n...#SBATCH --array=0-3%2\n...'
 */
export function arrayScript(ctx: ScriptContext, o: SlurmJobOptions, tasks: number, cellsFile: string): string {
  const q = shellQuote;
  const run = [ctx.node, ctx.cli, 'sweep', 'run-cell', ctx.experiment, '--cells', cellsFile, '--backend', ctx.backend].map(q).join(' ');
  return `#!/bin/bash
# cxr sweep ${ctx.experiment} --launcher slurm: one array task per cell of
# ${cellsFile}
# (task I runs cell I; each writes its own SQLite shard, merged by the dependent merge job).
#SBATCH --job-name=${q(`cxr-${ctx.experiment}`)}
#SBATCH --array=0-${tasks - 1}${o.arrayParallel ? `%${o.arrayParallel}` : ''}
#SBATCH --output=${q(`${ctx.logDir}/%A_%a.log`)}
#SBATCH --open-mode=append
#SBATCH --requeue
#SBATCH --signal=B:USR1@${WARNING_SECONDS}
#SBATCH --chdir=${q(ctx.cwd)}
${resourceLines(o, true)
  .map((l) => `${l}\n`)
  .join('')}set -u
task="\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}"
echo "cxr: task $task (cell $SLURM_ARRAY_TASK_ID) on $(hostname) at $(date -u +%FT%TZ), restart \${SLURM_RESTART_COUNT:-0}"

# USR1 comes ${WARNING_SECONDS} s before the time limit: hand the cell back after its current batch
# (its checkpoints stay), then requeue this task; the restarted task resumes from the checkpoint.
preempted=0
on_usr1() {
  preempted=1
  echo "cxr: USR1: stopping the cell and requeueing task $task"
  kill -TERM "$child" 2>/dev/null
}
trap on_usr1 USR1

${run} &
child=$!
wait "$child"
status=$?
# A trap interrupts wait; wait again until the cell has handed its run back.
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
if [ "$preempted" = 1 ]; then
  scontrol requeue "$task"
  exit 0
fi
exit "$status"
`;
}

/** What the merge job needs beyond the shared context. */
export interface MergeScriptInput {
  shardDir: string;
  db: string;
  profile: string;
  reportOut: string;
}

/**
 * The job after the array (any outcome): merges every shard of the experiment into the database,
 * then writes the report. A determinism violation fails the job, after the report is written.
 *
 * @example mergeScript(ctx, {}, { shardDir, db: '/r/results.db', profile: 'smoke', reportOut: '/r/reports' }) // '#!/bin/bash\n...db merge...'
 */
export function mergeScript(ctx: ScriptContext, o: SlurmJobOptions, m: MergeScriptInput): string {
  const q = shellQuote;
  const cxr = [ctx.node, ctx.cli].map(q).join(' ');
  return `#!/bin/bash
# cxr sweep ${ctx.experiment} --launcher slurm: after the array, fold every shard into the
# results database (idempotent) and write the report.
#SBATCH --job-name=${q(`cxr-${ctx.experiment}-merge`)}
#SBATCH --output=${q(`${ctx.logDir}/merge_%j.log`)}
#SBATCH --open-mode=append
#SBATCH --chdir=${q(ctx.cwd)}
${resourceLines(o, false)
  .map((l) => `${l}\n`)
  .join('')}set -u
# $1: the array's job id. Slurm can count a requeued task that waits to restart as ended, so while
# any task of the array is still queued or running this job merges what is done and submits itself
# again behind the array.
array="\${1:-}"
if [ -n "$array" ] && [ -n "$(squeue -h -j "$array" -o %i 2>/dev/null)" ]; then
  echo "cxr: tasks of array $array are still queued or running; merging what is done and waiting for them"
  ${cxr} db merge ${q(m.shardDir)} --into ${q(m.db)} || true
  sbatch --parsable --dependency=afterany:"$array" "$0" "$array" || exit 1
  exit 0
fi
status=0
${cxr} db merge ${q(m.shardDir)} --into ${q(m.db)} || status=$?
${cxr} report ${q(ctx.experiment)} --db ${q(m.db)} --profile ${q(m.profile)} --out ${q(m.reportOut)} || status=$?
exit "$status"
`;
}
