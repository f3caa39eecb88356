import { detail } from '@cxr/core';
import { StatsArgumentError } from '../errors.ts';
import { checkArrayLike } from './check-binary-input.ts';

/** Throws unless `grid` is a non-empty array of finite numbers. */
export function checkGrid(fn: string, grid: unknown): ArrayLike<number> {
  checkArrayLike(fn, 'grid', grid);
  const g = grid as ArrayLike<number>;
  if (g.length === 0) throw new StatsArgumentError(fn, 'grid', 'at least one threshold', detail('an empty array'));
  for (let i = 0; i < g.length; i++) {
    if (!Number.isFinite(g[i])) throw new StatsArgumentError(fn, 'grid', 'finite thresholds', detail(`${g[i]} at index ${i}`));
  }
  return g;
}
