import { mean, sampleStandardDeviation } from 'simple-statistics';
import { detail } from '@cxr/core';
import { StatsArgumentError, StatsDegenerateError } from './errors.ts';
import { welchCore } from './internal/welch-core.ts';
import type { WelchOptions, WelchResult } from './types.ts';

/**
 * Welch's two-sided t-test on two samples (e.g. one metric over the seeds of configurations A and
 * B): mean and sample sd (n - 1) from simple-statistics, then the computation of welchFromSummary.
 *
 * Same as scipy's `ttest_ind(a, b, equal_var=False)` for t and p.
 * Cost: O(n_a + n_b).
 * @throws StatsArgumentError if a group is not an array, has fewer than 2 values, or holds a
 *   non-finite value; or alpha is outside (0, 1).
 * @throws StatsDegenerateError when every value within each group is identical (zero variance in
 *   both groups, e.g. [1, 1, 1] vs [2, 2, 2]).
 * @example welchTTest([0.745, 0.741, 0.733], [0.705, 0.69, 0.708]).significant // true
 */
export function welchTTest(a: readonly number[], b: readonly number[], options: WelchOptions = {}): WelchResult {
  const fn = 'welchTTest';
  for (const [arg, values] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (!Array.isArray(values)) throw new StatsArgumentError(fn, arg, 'an array of numbers', values);
    if (values.length < 2)
      throw new StatsArgumentError(fn, arg, 'at least 2 values (a variance needs two)', detail(`${values.length} value(s)`));
    values.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new StatsArgumentError(fn, arg, 'finite numbers', detail(`${v} at index ${i}`));
    });
  }
  // Checked on the raw values: the mean of identical values can round, leaving a spurious ~1e-17 sd.
  if (a.every((v) => v === a[0]) && b.every((v) => v === b[0])) {
    throw new StatsDegenerateError(fn, `both groups have zero variance (all a = ${a[0]}, all b = ${b[0]}); the t statistic is undefined`);
  }
  const summary = (values: readonly number[]) => ({
    mean: mean(values as number[]),
    sd: sampleStandardDeviation(values as number[]),
    n: values.length,
  });
  return welchCore(fn, summary(a), summary(b), options);
}
