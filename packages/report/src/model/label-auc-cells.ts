/** The per-label AUC-ROC heat map: labels x levels over done runs. */
import type { ResultsStore } from '@cxr/results';
import type { LabelAucCell } from '../report-types.ts';
import type { LevelRuns } from './select-level-runs.ts';
import { summarizeMetric } from './summarize-metric.ts';

/**
 * One cell per (level, label) with the summary of the test split's per-label `auc_roc` over the
 * level's done runs that stored it; levels in table order, labels in alphabetical order. A label
 * some runs lack (its AUC undefined there: no positives in their test split) has a smaller n.
 *
 * @example labelAucCells(store, selected.levels)[0] // { level: '0 %', label: 'cardiomegaly', summary: { n: 3, mean: 0.6417, ... } }
 */
export function labelAucCells(store: ResultsStore, levels: readonly LevelRuns[]): LabelAucCell[] {
  return levels.flatMap((level) => {
    const perLabel = new Map<string, { values: number[]; seeds: number[] }>();
    for (const run of level.runs.filter((r) => r.status === 'done')) {
      for (const m of store.getLabelMetrics(run.id)) {
        if (m.split !== 'test' || m.name !== 'auc_roc') continue;
        const cell = perLabel.get(m.label) ?? { values: [], seeds: [] };
        cell.values.push(m.value);
        cell.seeds.push(run.seed);
        perLabel.set(m.label, cell);
      }
    }
    return [...perLabel.keys()].sort().map((label) => ({
      level: level.label,
      label,
      summary: summarizeMetric(perLabel.get(label)!.values, perLabel.get(label)!.seeds)!,
    }));
  });
}
