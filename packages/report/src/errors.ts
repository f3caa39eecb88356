/**
 * The errors @cxr/report throws. Messages name the function, the argument, what was expected and
 * what arrived, e.g. `buildReportModel(experiment.levels[2].label): expected a label used once, received "90 %"`.
 */
import { argumentMessage, CxrError, describeValue } from '@cxr/core';

/** Base class: catch this to handle any report failure. */
export class ReportError extends CxrError {
  override name = 'ReportError';
}

/** A caller passed an argument outside the function's contract (a bad experiment description, an empty list). */
export class ReportArgumentError extends ReportError {
  override name = 'ReportArgumentError';
  constructor(
    readonly fn: string,
    readonly arg: string,
    readonly expected: string,
    received: unknown,
  ) {
    super(argumentMessage(fn, arg, expected, received));
  }
}

/** A file the report reads (a reference column) is missing or malformed; the message names the file, the row and the field. */
export class ReportFileError extends ReportError {
  override name = 'ReportFileError';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly expected: string,
    received: unknown,
  ) {
    super(`${file}${where ? ` ${where}` : ''}: expected ${expected}, received ${describeValue(received)}`);
  }
}
