import { StatsArgumentError } from '../errors.ts';
import type { StatsProblem } from '../types.ts';

/**
 * Validates the metric and the options shared by the bootstrap functions and fills the defaults
 * (`defaultB` resamples, level 0.95).
 */
export function checkBootstrapOptions(
  fn: string,
  metric: unknown,
  options: unknown,
  defaultB: number,
): { seed: number; b: number; level: number; problems: StatsProblem[] | undefined } {
  if (typeof metric !== 'function') throw new StatsArgumentError(fn, 'metric', 'a function (yTrue, yScore) => number', metric);
  if (typeof options !== 'object' || options === null) throw new StatsArgumentError(fn, 'options', 'an object with a seed', options);
  const {
    seed,
    b = defaultB,
    level = 0.95,
    problems,
  } = options as { seed?: unknown; b?: unknown; level?: unknown; problems?: StatsProblem[] };
  if (!Number.isInteger(seed)) throw new StatsArgumentError(fn, 'options.seed', 'an integer', seed);
  if (!Number.isInteger(b) || (b as number) < 1) throw new StatsArgumentError(fn, 'options.b', 'an integer >= 1', b);
  if (typeof level !== 'number' || !(level > 0 && level < 1))
    throw new StatsArgumentError(fn, 'options.level', 'a number in (0, 1)', level);
  return { seed: seed as number, b: b as number, level, problems };
}
