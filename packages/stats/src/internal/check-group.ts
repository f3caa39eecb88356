import { StatsArgumentError } from '../errors.ts';
import type { GroupSpread, GroupSummary } from '../types.ts';

/** Throws unless `g` is { sd, n } with sd finite >= 0 and n an integer >= 2; `arg` names it in the message. */
export function checkSpread(fn: string, arg: string, g: unknown, shape = '{ sd, n }'): GroupSpread {
  if (typeof g !== 'object' || g === null) throw new StatsArgumentError(fn, arg, `an object ${shape}`, g);
  const { sd, n } = g as Partial<GroupSpread>;
  if (typeof sd !== 'number' || !Number.isFinite(sd) || sd < 0) throw new StatsArgumentError(fn, `${arg}.sd`, 'a finite number >= 0', sd);
  if (!Number.isInteger(n) || n! < 2) throw new StatsArgumentError(fn, `${arg}.n`, 'an integer >= 2 (a variance needs two values)', n);
  return g as GroupSpread;
}

/** checkSpread plus a finite `mean`. */
export function checkGroup(fn: string, arg: string, g: unknown): GroupSummary {
  if (typeof g === 'object' && g !== null) {
    const { mean } = g as Partial<GroupSummary>;
    if (typeof mean !== 'number' || !Number.isFinite(mean)) throw new StatsArgumentError(fn, `${arg}.mean`, 'a finite number', mean);
  }
  checkSpread(fn, arg, g, '{ mean, sd, n }');
  return g as GroupSummary;
}

/** Throws unless options.alpha is undefined or in (0, 1); returns it with the default 0.05. */
export function checkAlpha(fn: string, alpha: unknown): number {
  const value = alpha ?? 0.05;
  if (typeof value !== 'number' || !(value > 0 && value < 1))
    throw new StatsArgumentError(fn, 'options.alpha', 'a number in (0, 1)', alpha);
  return value;
}
