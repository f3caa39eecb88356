import { checkBinaryInput } from './internal/check-binary-input.ts';
import { checkBootstrapOptions } from './internal/check-bootstrap-options.ts';
import { pairedBootstrap } from './internal/paired-bootstrap.ts';
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
  const settings = checkBootstrapOptions(fn, metric, options, 2000);
  return pairedBootstrap(
    fn,
    [Float64Array.from(yTrue), Float64Array.from(yScore)],
    ([t, s]) => metric(t!, s!),
    settings,
    'the metric is NaN on the full sample',
  );
}
