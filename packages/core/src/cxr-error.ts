import { describeValue } from './describe-value.ts';

/**
 * The base class of every error the project throws on purpose: catch `CxrError` to tell a
 * reported failure (bad input, a file, a state) from a bug. Each package derives its own few
 * typed errors from it; their messages name the function or file, the argument or key, what was
 * expected and what arrived.
 */
export class CxrError extends Error {
  override name = 'CxrError';
}

/**
 * The common "fn(arg): expected X, received Y" message.
 *
 * @example argumentMessage('rocAuc', 'yScore', 'finite numbers', NaN) // 'rocAuc(yScore): expected finite numbers, received NaN'
 */
export function argumentMessage(fn: string, arg: string, expected: string, received: unknown): string {
  return `${fn}(${arg}): expected ${expected}, received ${describeValue(received)}`;
}
