/** Every run's columns and Table 10 numbers for every label of one level, computed once for the tables and the figures. */
import type { ClinicalLevel, ClinicalRun } from './clinical-runs.ts';
import { knownColumn, type KnownColumn } from './known-column.ts';
import { labelKey } from './label-key.ts';
import { runLabelMetrics, type MetricSettings, type RunLabelMetrics } from './run-label-metrics.ts';

/** One run's view of one label. */
export interface RunLabel {
  run: ClinicalRun;
  val: KnownColumn;
  test: KnownColumn;
  metrics: RunLabelMetrics;
}

function indexOf(names: readonly string[], label: string): number {
  return names.findIndex((n) => labelKey(n) === labelKey(label));
}

/**
 * label -> the level's runs that have it (in seed order), each with its known-truth columns and
 * metrics. A run whose validation set lacks a label its test set has is skipped for that label.
 *
 * @example levelLabelData(level, ['cardiomegaly'], settings).get('cardiomegaly')!.map((r) => r.run.seed) // [1, 2, 3]
 */
export function levelLabelData(level: ClinicalLevel, labels: readonly string[], settings: MetricSettings): Map<string, RunLabel[]> {
  const out = new Map<string, RunLabel[]>();
  for (const label of labels) {
    const runs: RunLabel[] = [];
    for (const run of level.runs) {
      const kt = indexOf(run.test.labelNames, label);
      const kv = indexOf(run.val.labelNames, label);
      if (kt < 0 || kv < 0) continue;
      const val = knownColumn(run.val, kv);
      const test = knownColumn(run.test, kt);
      runs.push({ run, val, test, metrics: runLabelMetrics(val, test, settings) });
    }
    out.set(label, runs);
  }
  return out;
}
