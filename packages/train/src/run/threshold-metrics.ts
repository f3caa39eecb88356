import { multilabelConfusion, precisionRecallF1, type LabelMatrix } from '@cxr/stats';
import type { LabelMetricRow, MetricRow } from '@cxr/results';
import type { SplitPredictions } from './evaluate.ts';

/** The fixed decision threshold of seeds 003 and 004 (sigmoid >= 0.5; Keras' binary_accuracy threshold). */
export const HALF = 0.5;

/**
 * Metrics at the fixed threshold 0.5 (seed 003 section "Evaluation": per-class accuracy,
 * precision, recall, F1 element-wise; seed 004: Keras binary accuracy), for one split:
 * run rows `binary_accuracy` (correct entries / all entries), `macro_accuracy_05`,
 * `macro_precision_05`, `macro_recall_05`, `macro_f1_05` (means over labels where defined), and
 * per-label rows `accuracy_05`, `precision_05`, `recall_05`, `f1_05`. Undefined values (nothing
 * predicted positive, no positives) are left out rather than stored as NaN. Cost O(N K).
 * @throws StatsArgumentError (from @cxr/stats) on malformed predictions.
 * @example thresholdMetrics(test, 'test', labels).metrics.find((m) => m.name === 'binary_accuracy')?.value // 0.93
 */
export function thresholdMetrics(
  p: SplitPredictions,
  split: string,
  labelNames: string[],
): { metrics: MetricRow[]; labelMetrics: LabelMetricRow[] } {
  const truth: LabelMatrix = { rows: p.rows, cols: p.cols, data: p.truth };
  const scores: LabelMatrix = { rows: p.rows, cols: p.cols, data: p.probabilities };
  const confusion = multilabelConfusion(truth, scores, HALF);
  const prf = precisionRecallF1(truth, scores, HALF);
  const accuracy = confusion.map((c) => (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn));
  const correct = confusion.reduce((a, c) => a + c.tp + c.tn, 0);
  const run: Record<string, number> = {
    binary_accuracy: p.rows * p.cols > 0 ? correct / (p.rows * p.cols) : Number.NaN,
    macro_accuracy_05: accuracy.length > 0 ? accuracy.reduce((a, b) => a + b, 0) / accuracy.length : Number.NaN,
    macro_precision_05: prf.macro.precision.macro,
    macro_recall_05: prf.macro.recall.macro,
    macro_f1_05: prf.macro.f1.macro,
  };
  const metrics = Object.entries(run)
    .filter(([, v]) => Number.isFinite(v))
    .map(([name, value]) => ({ split, name, value }));
  const labelMetrics: LabelMetricRow[] = [];
  confusion.forEach((c, k) => {
    const values: Record<string, number> = {
      accuracy_05: accuracy[k]!,
      precision_05: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : Number.NaN,
      recall_05: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : Number.NaN,
      f1_05: 2 * c.tp + c.fp + c.fn > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : Number.NaN,
    };
    for (const [name, value] of Object.entries(values))
      if (Number.isFinite(value)) labelMetrics.push({ split, label: labelNames[k]!, name, value });
  });
  return { metrics, labelMetrics };
}
