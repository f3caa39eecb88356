/**
 * The errors @cxr/models throws. Messages name the function, the argument (or the weights
 * source and layer), what was expected and what arrived.
 */

import { argumentMessage, CxrError } from '@cxr/core';

/** A caller passed an argument outside its contract (unknown backbone, bad head spec, ...). */
export class ModelArgumentError extends CxrError {
  override name = 'ModelArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(argumentMessage(fn, arg, expected, received));
  }
}

/** Weights could not be read or do not fit the model (missing file, shape mismatch, ...). */
export class ModelWeightsError extends CxrError {
  override name = 'ModelWeightsError';
  constructor(
    fn: string,
    readonly source: string,
    detail: string,
  ) {
    super(`${fn}(${source}): ${detail}`);
  }
}
