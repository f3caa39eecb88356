/**
 * Which cell an array task runs: `--index I` when given, else the scheduler's own variable -
 * SLURM_ARRAY_TASK_ID (Slurm job arrays), else JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs).
 */
import { describeValue } from '@cxr/core';
import { SlurmSweepError } from './slurm-error.ts';

export const INDEX_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX'] as const;

/**
 * @throws SlurmSweepError when neither the flag nor a variable gives an integer >= 0 (naming the source and value).
 * @example taskIndex(undefined, { SLURM_ARRAY_TASK_ID: '3' }) // 3
 * @example taskIndex(undefined, { JOB_COMPLETION_INDEX: '0' }) // 0
 */
export function taskIndex(flag: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  let source = '--index';
  let value: unknown = flag;
  if (flag === undefined) {
    const name = INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
    if (!name)
      throw new SlurmSweepError(
        `cxr sweep run-cell: expected --index I or one of ${INDEX_VARIABLES.join(', ')} in the environment, received neither`,
      );
    source = `$${name}`;
    value = env[name];
  }
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new SlurmSweepError(`cxr sweep run-cell: expected ${source} to be an integer >= 0, received ${describeValue(value)}`);
  return n;
}
