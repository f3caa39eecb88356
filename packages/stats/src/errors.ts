/**
 * The errors @cxr/stats throws. Messages name the function, the argument, what was expected and
 * what arrived, e.g. `rocAuc(yScore): expected finite numbers, received NaN at index 3`.
 */

import { argumentMessage, CxrError } from '@cxr/core';

/** A caller passed an argument outside the function's contract (shape, range, type). */
export class StatsArgumentError extends CxrError {
  override name = 'StatsArgumentError';
  constructor(
    readonly fn: string,
    readonly arg: string,
    readonly expected: string,
    received: unknown,
  ) {
    super(argumentMessage(fn, arg, expected, received));
  }
}

/**
 * The input is well-formed but the statistic is undefined for it (e.g. a Welch test where both
 * groups have zero variance), so no number can be returned honestly.
 */
export class StatsDegenerateError extends CxrError {
  override name = 'StatsDegenerateError';
  constructor(
    readonly fn: string,
    readonly detail: string,
  ) {
    super(`${fn}: ${detail}`);
  }
}
