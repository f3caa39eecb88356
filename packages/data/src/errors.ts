/**
 * The errors @cxr/data throws. Messages name the function (or file), the argument (or row and
 * field), what was expected and what arrived.
 */

import { argumentMessage, CxrError } from '@cxr/core';

/** A caller passed an argument outside its contract. */
export class DataArgumentError extends CxrError {
  override name = 'DataArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(argumentMessage(fn, arg, expected, received));
  }
}

/** A dataset file is malformed or missing; names the file, the 1-based line and the field. */
export class DataFileError extends CxrError {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${field ? ` [${field}]` : ''}: ${detail}`);
  }
}
