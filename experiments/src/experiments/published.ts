/**
 * Small builders for the thesis' printed figures, so each definition lists its numbers in the
 * order the table prints them (AUC-ROC, then PR-AUC) without repeating the metric names.
 */
import type { PublishedComparison, PublishedSummary } from '@cxr/report';
import { THESIS_METRICS } from './thesis-choices.ts';

/** [mean, sd] as a table cell prints it. */
export type Cell2 = readonly [mean: number, sd: number];
/** [|t|, t*, p] as the text prints them. */
export type Test3 = readonly [t: number, tCritical: number, p: number];

/**
 * A level's published numbers: AUC-ROC and PR-AUC mean +/- sd.
 *
 * @example publishedRow([0.739, 0.006], [0.185, 0.008]).macro_pr_auc // { mean: 0.185, sd: 0.008 }
 */
export function publishedRow(aucRoc: Cell2, prAuc: Cell2): Record<string, PublishedSummary> {
  const [auc, pr] = THESIS_METRICS;
  return { [auc!]: { mean: aucRoc[0], sd: aucRoc[1] }, [pr!]: { mean: prAuc[0], sd: prAuc[1] } };
}

/**
 * The published Welch test of `a` against `b` on both metrics (difference a - b).
 *
 * @example publishedTests('90 %', '100 %', [0.56, 2.8, 0.6], [0.29, 2.79, 0.78])[1].metric // 'macro_pr_auc'
 */
export function publishedTests(a: string, b: string, aucRoc: Test3, prAuc: Test3): PublishedComparison[] {
  const [auc, pr] = THESIS_METRICS;
  return [
    { a, b, metric: auc!, t: aucRoc[0], tCritical: aucRoc[1], p: aucRoc[2] },
    { a, b, metric: pr!, t: prAuc[0], tCritical: prAuc[1], p: prAuc[2] },
  ];
}
