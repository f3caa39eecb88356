import { detail } from '@cxr/core';
import { StatsArgumentError } from '../errors.ts';
import type { LabelMatrix } from '../types.ts';
import { checkMatrixPair } from './check-matrix.ts';

/** checkMatrixPair for (truth, 0/1 prediction) matrices. O(N K). */
export function checkPredictionPair(fn: string, yTrue: unknown, yPred: unknown): { yTrue: LabelMatrix; yPred: LabelMatrix } {
  const m = checkMatrixPair(fn, yTrue, yPred, 'yPred');
  const d = m.other.data;
  let bad = -1;
  for (let i = 0; i < d.length; i++) {
    if (d[i] !== 0 && d[i] !== 1) {
      bad = i;
      break;
    }
  }
  if (bad >= 0) {
    const cols = m.other.cols;
    throw new StatsArgumentError(
      fn,
      'yPred',
      'only 0 or 1 (binarize scores with binarizeAt)',
      detail(`${d[bad]} at row ${Math.floor(bad / cols)}, label ${bad % cols}`),
    );
  }
  return { yTrue: m.yTrue, yPred: m.other };
}
