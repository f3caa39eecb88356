import { detail } from '@cxr/core';
import type { BootstrapCi, BootstrapOptions, LabelMetric } from './bootstrap-ci.ts';
import { StatsArgumentError } from './errors.ts';
import { checkBinaryInput } from './internal/check-binary-input.ts';
import { checkBootstrapOptions } from './internal/check-bootstrap-options.ts';
import { percentileInterval } from './internal/percentile-sorted.ts';
import { seededIndexSampler } from './internal/seeded-index-sampler.ts';

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
  const { seed, b, level, problems } = checkBootstrapOptions(fn, metric, options, 1000);

  const n = yTrue.length;
  const t = Float64Array.from(yTrue);
  const scores = scoresPerSeed.map((s) => Float64Array.from(s));
  const delta = (yt: Float64Array, ss: Float64Array[]): number => {
    let sum = 0;
    for (const s of ss) sum += metric(yt, s);
    return sum / ss.length - reference;
  };
  const estimate = delta(t, scores);
  const result = { estimate, lo: Number.NaN, hi: Number.NaN, level, b, skipped: 0 };
  if (Number.isNaN(estimate)) {
    problems?.push({ fn, reason: 'the metric is NaN on the full sample for at least one seed' });
    return result;
  }
  const draw = seededIndexSampler(seed);
  const index = new Int32Array(n);
  const rt = new Float64Array(n);
  const rs = scores.map(() => new Float64Array(n));
  const values: number[] = [];
  for (let r = 0; r < b; r++) {
    for (let i = 0; i < n; i++) index[i] = draw(n);
    for (let i = 0; i < n; i++) rt[i] = t[index[i]!]!;
    scores.forEach((s, k) => {
      const out = rs[k]!;
      for (let i = 0; i < n; i++) out[i] = s[index[i]!]!;
    });
    const v = delta(rt, rs);
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
