/**
 * The errors @cxr/results throws. Every message names the function (or file), the argument, what
 * was expected and what arrived, so a caller can act on it without reading this package.
 */

/** Base class: catch this to handle any results-store failure. */
export class ResultsError extends Error {
  override name = 'ResultsError';
}

/** A caller passed an argument outside its contract (NaN metric, empty name, bad blob shape). */
export class ResultsArgumentError extends ResultsError {
  override name = 'ResultsArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(`${fn}(${arg}): expected ${expected}, received ${describe(received)}`);
  }
}

/** A referenced row (run id, config id, experiment, prediction split) does not exist. */
export class ResultsNotFoundError extends ResultsError {
  override name = 'ResultsNotFoundError';
  constructor(fn: string, arg: string, what: string, received: unknown) {
    super(`${fn}(${arg}): expected ${what}, received ${describe(received)} which does not exist`);
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

/** Short printable form of a received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value == null) {
    return String(value);
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  }
  return `an object with keys [${Object.keys(value as object).join(', ')}]`;
}
