/** The typed error of the sweep runner: its message names the function or command, the argument and what arrived. */
import { CxrError } from '@cxr/core';

/** A sweep that cannot start or go on (unknown experiment, bad option, a worker protocol breach). */
export class SweepError extends CxrError {
  override name = 'SweepError';
}
