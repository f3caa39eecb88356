/** Calling sbatch: `sbatch --parsable` prints the job id (and `;cluster` on a multi-cluster site). */
import { spawnSync } from 'node:child_process';
import { SlurmSweepError } from './slurm-error.ts';

/** `sbatch ARGS` on this machine: its stdout. @throws SlurmSweepError when sbatch is missing or fails (with its stderr). */
export function runSbatch(args: string[]): string {
  const r = spawnSync('sbatch', args, { encoding: 'utf8' });
  if (r.error)
    throw new SlurmSweepError(`sbatch ${args.join(' ')}: cannot run sbatch (${r.error.message}); submit from a Slurm login node`);
  if (r.status !== 0) throw new SlurmSweepError(`sbatch ${args.join(' ')}: exit ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * The job id of `sbatch --parsable` output ('123' or '123;cluster').
 *
 * @throws SlurmSweepError for anything else.
 * @example parseJobId('4711;gpu\n') // '4711'
 */
export function parseJobId(stdout: string): string {
  const m = /^(\d+)(;\S*)?\s*$/.exec(stdout.trim());
  if (!m)
    throw new SlurmSweepError(`sbatch --parsable: expected a job id such as 4711 or 4711;cluster, received ${JSON.stringify(stdout)}`);
  return m[1]!;
}
