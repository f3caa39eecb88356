import type { StatsProblem } from '../types.ts';
import { checkBinaryInput } from './check-binary-input.ts';
import { scoresByClass } from './scores-by-class.ts';
import { undefinedReason } from './undefined-reason.ts';

/**
 * Validates a per-label pair and returns its class-wise sorted scores, or undefined after
 * pushing the reason onto `problems` when the label lacks a class (callers then return NaN).
 */
export function prepareTwoClass(
  fn: string,
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  problems: StatsProblem[] | undefined,
): { pos: Float64Array; neg: Float64Array } | undefined {
  const positives = checkBinaryInput(fn, yTrue, yScore);
  const reason = undefinedReason(positives, yTrue.length - positives);
  if (reason) {
    problems?.push({ fn, reason });
    return undefined;
  }
  return scoresByClass(yTrue, yScore, positives);
}
