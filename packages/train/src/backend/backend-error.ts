import { CxrError } from '@cxr/core';

/**
 * Bad input to backend selection or a backend that cannot be started. The message names the
 * function, the argument, what was expected and what arrived.
 */
export class BackendError extends CxrError {
  constructor(fn: string, arg: string, expected: string, received: string) {
    super(`${fn}: ${arg} must be ${expected}; received ${received}`);
    this.name = 'BackendError';
  }
}
