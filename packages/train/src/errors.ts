/**
 * The errors @cxr/train throws. Messages name the function, the argument (or config key), what was
 * expected and what arrived.
 */

import { argumentMessage, CxrError } from '@cxr/core';

/** A caller passed an argument outside its contract. */
export class TrainArgumentError extends CxrError {
  override name = 'TrainArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(argumentMessage(fn, arg, expected, received));
  }
}

/**
 * A run configuration is invalid: an unknown key (typo) or a value of the wrong kind. `path` is
 * the dotted key ("schedule.plateau.patiense"); `valid` lists what would have been accepted.
 */
export class TrainConfigError extends CxrError {
  override name = 'TrainConfigError';
  constructor(
    readonly source: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${source}: config key '${path}': ${detail}`);
  }
}

/** A run or checkpoint is in a state the trainer cannot continue from (names what and why). */
export class TrainStateError extends CxrError {
  override name = 'TrainStateError';
  constructor(fn: string, detail: string) {
    super(`${fn}: ${detail}`);
  }
}

/**
 * The dataset lost too many rows to recoverable problems for the run to mean anything (more than
 * RunRequest.maxDroppedFraction); `counts` are the problems by kind, `dropped`/`rows` the data rows.
 */
export class TrainDataError extends CxrError {
  override name = 'TrainDataError';
  constructor(
    readonly dropped: number,
    readonly rows: number,
    readonly counts: [kind: string, count: number][],
    message: string,
  ) {
    super(message);
  }
}

/** Training stopped because its AbortSignal fired; the run was (or is about to be) handed back as pending. */
export class TrainInterruptedError extends CxrError {
  override name = 'TrainInterruptedError';
  constructor(
    /** What stopped it: the abort reason when it is a string ('SIGINT'), else 'aborted'. */
    readonly reason: string,
    /** Epochs finished (and checkpointed) before the interruption. */
    readonly epochsDone: number,
    /** The run handed back, once runExperiment has released it. */
    readonly runId?: number,
  ) {
    super(
      `training interrupted (${reason}) after ${epochsDone} finished epoch${epochsDone === 1 ? '' : 's'}${
        runId === undefined ? '' : `; run ${runId} handed back as pending`
      }`,
    );
  }
}
