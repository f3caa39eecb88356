/**
 * The errors @cxr/results throws. Every message names the function (or file), the argument, what
 * was expected and what arrived, so a caller can act on it without reading this package.
 */

import { argumentMessage, CxrError, describeValue } from '@cxr/core';

/** Base class: catch this to handle any results-store failure. */
export class ResultsError extends CxrError {
  override name = 'ResultsError';
}

/** A caller passed an argument outside its contract (NaN metric, empty name, bad blob shape). */
export class ResultsArgumentError extends ResultsError {
  override name = 'ResultsArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(argumentMessage(fn, arg, expected, received));
  }
}

/** A referenced row (run id, config id, experiment, prediction split) does not exist. */
export class ResultsNotFoundError extends ResultsError {
  override name = 'ResultsNotFoundError';
  constructor(fn: string, arg: string, what: string, received: unknown) {
    super(`${fn}(${arg}): expected ${what}, received ${describeValue(received)} which does not exist`);
  }
}

/**
 * The caller acts on a run it does not hold: never claimed, claimed by another process, reclaimed
 * after its heartbeat went stale, or already finished/failed.
 */
export class ResultsOwnershipError extends ResultsError {
  override name = 'ResultsOwnershipError';
  constructor(fn: string, runId: number, detail: string) {
    super(`${fn}(claim): expected a claim this process holds on run ${runId} (status running, same token), ${detail}`);
  }
}

/** A run is not in the state an operation needs (e.g. releasing a run that is not running). */
export class ResultsStateError extends ResultsError {
  override name = 'ResultsStateError';
  constructor(fn: string, runId: number, expected: string, status: string) {
    super(`${fn}(runId): expected ${expected}, but run ${runId} is ${status}`);
  }
}

/** The database file is unusable: not SQLite, corrupt, missing, or from a newer schema. */
export class ResultsFileError extends ResultsError {
  override name = 'ResultsFileError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}
