import { detail } from '@cxr/core';
import { StatsArgumentError } from '../errors.ts';

/** Throws unless every value of the (already length- and finiteness-checked) `yProb` lies in [0, 1]. O(N). */
export function checkProbabilities(fn: string, yProb: ArrayLike<number>, arg = 'yProb'): void {
  let outside = -1;
  for (let i = 0; i < yProb.length; i++) {
    const p = yProb[i]!;
    if (p < 0 || p > 1) {
      outside = i;
      break;
    }
  }
  if (outside >= 0) throw new StatsArgumentError(fn, arg, 'probabilities in [0, 1]', detail(`${yProb[outside]} at index ${outside}`));
}
