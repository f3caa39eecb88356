import type { BootstrapCi } from '../bootstrap-ci.ts';
import type { StatsProblem } from '../types.ts';
import { percentileInterval } from './percentile-sorted.ts';
import { seededIndexSampler } from './seeded-index-sampler.ts';

/** Checked settings of a bootstrap (see checkBootstrapOptions). */
export interface BootstrapSettings {
  seed: number;
  b: number;
  level: number;
  problems?: StatsProblem[];
}

/**
 * The percentile bootstrap both bootstrapCi and bootstrapPooledDelta are: `statistic` on the full
 * columns (all of one length N, e.g. truth then one score column per seed), then on B resamples
 * that draw N row indices from the seeded stream and gather every column with the same indices
 * (so paired columns stay paired), and the percentile interval of the defined values. A NaN
 * full-sample statistic, or NaN on every resample, gives NaN bounds with a reason in `problems`.
 *
 * @example pairedBootstrap('bootstrapCi', [t, s], ([a, b]) => rocAuc(a, b), settings, 'the metric is NaN on the full sample')
 */
export function pairedBootstrap(
  fn: string,
  columns: readonly Float64Array[],
  statistic: (columns: Float64Array[]) => number,
  settings: BootstrapSettings,
  fullSampleNaN: string,
): BootstrapCi {
  const { seed, b, level, problems } = settings;
  const estimate = statistic([...columns]);
  const result = { estimate, lo: Number.NaN, hi: Number.NaN, level, b, skipped: 0 };
  if (Number.isNaN(estimate)) {
    problems?.push({ fn, reason: fullSampleNaN });
    return result;
  }
  const n = columns[0]!.length;
  const draw = seededIndexSampler(seed);
  const index = new Int32Array(n);
  const resampled = columns.map(() => new Float64Array(n));
  const values: number[] = [];
  for (let r = 0; r < b; r++) {
    for (let i = 0; i < n; i++) index[i] = draw(n);
    columns.forEach((column, k) => {
      const out = resampled[k]!;
      for (let i = 0; i < n; i++) out[i] = column[index[i]!]!;
    });
    const v = statistic(resampled);
    if (Number.isNaN(v)) result.skipped++;
    else values.push(v);
  }
  if (values.length === 0) {
    problems?.push({ fn, reason: `the metric was NaN on all ${b} resamples` });
    return result;
  }
  values.sort((x, y) => x - y);
  return { ...result, ...percentileInterval(values, level) };
}
