/** One planned test computed: Welch on the per-seed values, effect size and what the design can detect. */
import { hedgesG, minimumDetectableDifference, welchSampleSize, welchTTest } from '@cxr/stats';
import type { ComparisonRow, MetricSummary } from '../report-types.ts';
import type { PlannedTest } from './expand-comparisons.ts';

/** The power minimumDetectable and seedsNeeded are computed for (the usual 80 %). */
export const TARGET_POWER = 0.8;
/** welchSampleSize's search limit: more seeds per arm than this is reported as not reachable (null). */
export const MAX_SEEDS = 1000;

/**
 * The numbers of one comparison before the family correction (pAdjusted NaN, significant false,
 * verdict and agreement filled in later): Welch's two-sided test on the per-seed values (@cxr/stats
 * welchTTest) with its (1 - alpha) interval of a - b, Hedges' g, the minimum detectable difference
 * at power 0.8 from the observed sds and seed counts, and the seeds per arm that would detect the
 * observed difference. An arm with fewer than two values, or two arms of identical values, cannot be
 * tested: notComputable says why and every number is NaN.
 *
 * @example welchComparison({ a: '90 %', b: '100 %', metric: 'macro_auc_roc' }, s90, s100, 0.05).df // 2.94
 */
export function welchComparison(test: PlannedTest, a: MetricSummary | null, b: MetricSummary | null, alpha: number): ComparisonRow {
  const reason = whyNotComputable(test, a, b);
  if (reason !== null) return row(test, a, b, NOT_COMPUTED, reason);
  const w = welchTTest(a!.values, b!.values, { alpha });
  const difference = a!.mean - b!.mean;
  const spread = (s: MetricSummary) => ({ sd: s.sd, n: s.n });
  return row(test, a, b, {
    meanA: a!.mean,
    meanB: b!.mean,
    difference,
    ci: [w.ci[0], w.ci[1]],
    t: Math.abs(w.t),
    df: w.df,
    tCritical: w.tCritical,
    p: w.p,
    hedgesG: hedgesG(a!, b!),
    minimumDetectable: minimumDetectableDifference(spread(a!), spread(b!), { alpha, power: TARGET_POWER }),
    seedsNeeded: difference === 0 ? null : welchSampleSize(a!.sd, b!.sd, difference, { alpha, power: TARGET_POWER, maxN: MAX_SEEDS }),
  });
}

type Numbers = Pick<
  ComparisonRow,
  'meanA' | 'meanB' | 'difference' | 'ci' | 't' | 'df' | 'tCritical' | 'p' | 'hedgesG' | 'minimumDetectable' | 'seedsNeeded'
>;

const NOT_COMPUTED: Numbers = {
  meanA: NaN,
  meanB: NaN,
  difference: NaN,
  ci: [NaN, NaN],
  t: NaN,
  df: NaN,
  tCritical: NaN,
  p: NaN,
  hedgesG: NaN,
  minimumDetectable: NaN,
  seedsNeeded: null,
};

function whyNotComputable(test: PlannedTest, a: MetricSummary | null, b: MetricSummary | null): string | null {
  for (const [label, s] of [
    [test.a, a],
    [test.b, b],
  ] as const) {
    const n = s?.n ?? 0;
    if (n < 2) return `'${label}' has ${n} done run${n === 1 ? '' : 's'} with test ${test.metric}; a Welch test needs at least 2 per arm`;
  }
  if (a!.values.every((v) => v === a!.values[0]) && b!.values.every((v) => v === b!.values[0])) {
    return `every seed of '${test.a}' and of '${test.b}' has the same test ${test.metric} (zero variance in both arms); the t statistic is undefined`;
  }
  return null;
}

/** The row in the contract's field order; pAdjusted, significant, verdict, published and agreement come later. */
function row(
  test: PlannedTest,
  a: MetricSummary | null,
  b: MetricSummary | null,
  n: Numbers,
  notComputable: string | null = null,
): ComparisonRow {
  return {
    a: test.a,
    b: test.b,
    metric: test.metric,
    nA: a?.n ?? 0,
    nB: b?.n ?? 0,
    meanA: n.meanA,
    meanB: n.meanB,
    difference: n.difference,
    ci: [n.ci[0], n.ci[1]],
    t: n.t,
    df: n.df,
    tCritical: n.tCritical,
    p: n.p,
    pAdjusted: NaN,
    significant: false,
    verdict: '',
    hedgesG: n.hedgesG,
    minimumDetectable: n.minimumDetectable,
    seedsNeeded: n.seedsNeeded,
    published: null,
    agreement: null,
    notComputable,
  };
}
