import { checkBinaryInput } from './internal/check-binary-input.ts';
import { checkBootstrapOptions } from './internal/check-bootstrap-options.ts';
import { percentileInterval } from './internal/percentile-sorted.ts';
import { seededIndexSampler } from './internal/seeded-index-sampler.ts';
import type { StatsProblem } from './types.ts';

/** A per-label metric such as rocAuc, averagePrecision or brierScore. */
export type LabelMetric = (yTrue: Float64Array, yScore: Float64Array) => number;

/** Options of bootstrapCi. */
export interface BootstrapOptions {
  /** Seed of the resampling stream (required: the same seed gives the same interval). */
  seed: number;
  /** Number of resamples (default 2000). */
  b?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  problems?: StatsProblem[];
}

/** Result of bootstrapCi. */
export interface BootstrapCi {
  /** The metric on the full sample. */
  estimate: number;
  lo: number;
  hi: number;
  level: number;
  b: number;
  /** Resamples whose metric was NaN (e.g. no positive drawn) and so left out of the percentiles. */
  skipped: number;
}

/**
 * Seeded percentile-bootstrap confidence interval of a per-label metric: resample the N images
 * with replacement B times, evaluate `metric` on each resample, and take the (1 - level)/2 and
 * (1 + level)/2 percentiles of the defined values (linear interpolation between order
 * statistics, numpy's default `percentile` method). Reference: Efron & Tibshirani (1993), ch. 13.
 *
 * Resamples where the metric is NaN (a rare label drawing no positives) are counted in `skipped`.
 * When the full-sample metric is NaN, or every resample is, the result is NaN with a reason in
 * `options.problems`.
 * Cost: O(B x cost(metric)) - about B x N log N for rocAuc.
 * @throws StatsArgumentError for bad yTrue/yScore (see rocAuc), a metric that is not a function,
 *   a non-integer seed, b not an integer >= 1, or level outside (0, 1).
 * @example bootstrapCi(yTrue, yScore, rocAuc, { seed: 7, b: 1000 }) // { estimate: 0.81, lo: 0.76, hi: 0.86, level: 0.95, b: 1000, skipped: 0 }
 */
export function bootstrapCi(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  metric: LabelMetric,
  options: BootstrapOptions,
): BootstrapCi {
  const fn = 'bootstrapCi';
  checkBinaryInput(fn, yTrue, yScore);
  const { seed, b, level, problems } = checkBootstrapOptions(fn, metric, options, 2000);

  const n = yTrue.length;
  const t = Float64Array.from(yTrue);
  const s = Float64Array.from(yScore);
  const estimate = metric(t, s);
  const result = { estimate, lo: Number.NaN, hi: Number.NaN, level, b, skipped: 0 };
  if (Number.isNaN(estimate)) {
    problems?.push({ fn, reason: 'the metric is NaN on the full sample' });
    return result;
  }
  const draw = seededIndexSampler(seed);
  const rt = new Float64Array(n);
  const rs = new Float64Array(n);
  const values: number[] = [];
  for (let r = 0; r < b; r++) {
    for (let i = 0; i < n; i++) {
      const j = draw(n);
      rt[i] = t[j]!;
      rs[i] = s[j]!;
    }
    const v = metric(rt, rs);
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
