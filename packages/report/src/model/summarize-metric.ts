/** Mean +/- sd over seeds, the cell of every report table. */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { MetricSummary } from '../report-types.ts';

/**
 * The summary of one metric over the done runs of a level: n, mean, sample sd (n - 1; NaN for
 * n < 2), and the values with their seeds in the order given. Uses simple-statistics, as
 * @cxr/stats' welchTTest does, so the mean shown equals the one the test used bit for bit.
 *
 * @returns null for no values.
 * @example summarizeMetric([0.74, 0.75, 0.73], [1, 2, 3]) // { n: 3, mean: 0.74, sd: 0.01, values: [...], seeds: [1, 2, 3] }
 */
export function summarizeMetric(values: readonly number[], seeds: readonly number[]): MetricSummary | null {
  if (values.length === 0) return null;
  return {
    n: values.length,
    mean: mean([...values]),
    sd: values.length < 2 ? NaN : sampleStandardDeviation([...values]),
    values: [...values],
    seeds: [...seeds],
  };
}
