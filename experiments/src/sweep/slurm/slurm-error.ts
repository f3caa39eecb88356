/** The typed error of Slurm sweeps: a frozen cell list that no longer matches, a bad task index, sbatch failing. */
import { CxrError } from '@cxr/core';

export class SlurmSweepError extends CxrError {
  override name = 'SlurmSweepError';
}
