/**
 * The one parser of `--seed` flags: every `cxr` command that takes a seed reads it as a string
 * and turns it into a number here, so '' is not silently seed 0 and 'abc' is not NaN.
 */
import { CxrError, describeValue } from '@cxr/core';

/** The largest seed: seeds are 31-bit non-negative integers (what tfjs and the streams take). */
export const MAX_SEED = 2 ** 31 - 1;

/** A command-line value the command refuses; the CLI prints its message and exits with 1. */
export class CliArgumentError extends CxrError {
  override name = 'CliArgumentError';
}

/**
 * Parses a seed written as decimal digits only (no sign, space, point or exponent) in 0..2^31-1.
 * Throws CliArgumentError naming the command and flag and quoting what arrived.
 *
 * @example parseSeed('42', 'cxr train') // 42
 * @example parseSeed('abc', 'cxr train') // throws 'cxr train: --seed must be an integer from 0 to 2147483647, received "abc"'
 */
export function parseSeed(text: unknown, command: string, flag = '--seed'): number {
  if (typeof text === 'string' && /^[0-9]{1,10}$/.test(text)) {
    const seed = Number(text);
    if (seed <= MAX_SEED) return seed;
  }
  throw new CliArgumentError(`${command}: ${flag} must be an integer from 0 to ${MAX_SEED}, received ${describeValue(text)}`);
}

/**
 * The yargs option of a seed: read as a string (yargs' `type: 'number'` turns '' into 0), a value
 * required after the flag, parsed by parseSeed before the handler runs.
 *
 * @example y.option('seed', seedOption('cxr train', 1, 'Run seed')) // argv.seed is a number
 */
export function seedOption(command: string, defaultSeed: number, describe = 'Seed (an integer from 0 to 2147483647)') {
  return {
    type: 'string',
    requiresArg: true,
    default: String(defaultSeed),
    describe,
    coerce: (text: unknown) => parseSeed(text, command),
  } as const;
}
