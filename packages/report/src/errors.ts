/**
 * The errors @cxr/report throws. Messages name the function, the argument, what was expected and
 * what arrived, e.g. `buildReportModel(experiment.levels[2].label): expected a label used once, received "90 %"`.
 */
import { argumentMessage, CxrError } from '@cxr/core';

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
