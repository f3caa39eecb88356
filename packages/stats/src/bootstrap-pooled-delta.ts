import { detail } from '@cxr/core';
import type { BootstrapCi, BootstrapOptions, LabelMetric } from './bootstrap-ci.ts';
import { StatsArgumentError } from './errors.ts';
import { checkBinaryInput } from './internal/check-binary-input.ts';
import { checkBootstrapOptions } from './internal/check-bootstrap-options.ts';
import { pairedBootstrap } from './internal/paired-bootstrap.ts';

/** Options of bootstrapPooledDelta: bootstrapCi's, with 1000 resamples by default. */
export interface PooledDeltaOptions extends Omit<BootstrapOptions, 'b'> {
  /** Number of resamples (default 1000). */
  b?: number;
}

/**
 * Seeded percentile-bootstrap CI of Delta = (mean over seeds of metric(yTrue, scores of the seed))
 * - reference, for several runs (seeds) scored on the same test images (thesis Table 9's "ours -
 * reference"). Each resample draws N image indices once and applies the same indices to every
 * seed, so the interval reflects the test set's sampling and keeps the seeds paired; the
 * percentile rule is bootstrapCi's (numpy's linear interpolation). Reference: Efron & Tibshirani
 * (1993), ch. 13.
 *
 * `estimate` is the full-sample Delta. A resample where any seed's metric is NaN (no positive
 * drawn) is counted in `skipped`; a NaN full-sample Delta, or all resamples NaN, gives NaN with a
 * reason in `options.problems`. Same seed, same result.
 * Cost: O(B x S x cost(metric)) for S seeds.
 * @throws StatsArgumentError for an empty scoresPerSeed, a seed's scores of the wrong length or not
 *   finite, bad yTrue, a reference that is not a finite number, and bootstrapCi's option errors.
 * @example bootstrapPooledDelta(yTrue, [s0, s1, s2], 0.81, rocAuc, { seed: 0 }) // { estimate: 0.012, lo: -0.01, hi: 0.034, level: 0.95, b: 1000, skipped: 0 }
 */
export function bootstrapPooledDelta(
  yTrue: ArrayLike<number>,
  scoresPerSeed: readonly ArrayLike<number>[],
  reference: number,
  metric: LabelMetric,
  options: PooledDeltaOptions,
): BootstrapCi {
  const fn = 'bootstrapPooledDelta';
  if (!Array.isArray(scoresPerSeed) || scoresPerSeed.length === 0) {
    throw new StatsArgumentError(fn, 'scoresPerSeed', 'a non-empty array of score arrays (one per seed)', scoresPerSeed);
  }
  scoresPerSeed.forEach((s, k) => checkBinaryInput(fn, yTrue, s, `scoresPerSeed[${k}]`));
  if (typeof reference !== 'number' || !Number.isFinite(reference)) {
    throw new StatsArgumentError(fn, 'reference', 'a finite number', typeof reference === 'number' ? detail(String(reference)) : reference);
  }
  const settings = checkBootstrapOptions(fn, metric, options, 1000);
  const delta = ([t, ...scores]: Float64Array[]): number => {
    let sum = 0;
    for (const s of scores) sum += metric(t!, s);
    return sum / scores.length - reference;
  };
  const columns = [Float64Array.from(yTrue), ...scoresPerSeed.map((s) => Float64Array.from(s))];
  return pairedBootstrap(fn, columns, delta, settings, 'the metric is NaN on the full sample for at least one seed');
}
