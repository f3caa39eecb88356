import { StatsArgumentError } from '../errors.ts';

/**
 * The bin of a probability among `bins` equal-width bins of [0, 1]: bin i = [i/B, (i+1)/B), the
 * last one closed on the right so that 1 falls in it. The edges are i/B exactly (p x B alone
 * can round across an edge), so a value on an edge always opens the bin above. O(1).
 */
export function equalWidthBin(p: number, bins: number): number {
  let i = Math.min(Math.floor(p * bins), bins - 1);
  if (i > 0 && p < i / bins) i--;
  else if (i < bins - 1 && p >= (i + 1) / bins) i++;
  return i;
}

/** Throws unless `bins` is an integer >= 1. */
export function checkBinCount(fn: string, arg: string, bins: unknown): number {
  if (!Number.isInteger(bins) || (bins as number) < 1) throw new StatsArgumentError(fn, arg, 'an integer >= 1', bins);
  return bins as number;
}
