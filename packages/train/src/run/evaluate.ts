import * as tf from '@tensorflow/tfjs';
import { multilabelSummary, operatingPoints, type LabelMatrix } from '@cxr/stats';
import type { LabelMetricRow, MetricRow } from '@cxr/results';
import type { BoundLoss } from '../losses/registry.ts';
import { disposeBatch, modelInputs, type StepBatch } from '../step/train-step.ts';
import {
  classThresholds,
  DEFAULT_MIN_PRECISION,
  THRESHOLD_PROCEDURES,
  thresholdedMetrics,
  type ThresholdProcedure,
} from '../schedule/class-thresholds.ts';
import { thresholdMetrics } from './threshold-metrics.ts';

/** Model outputs over one split, in the order of its batches. */
export interface SplitPredictions {
  rows: number;
  cols: number;
  /** Row-major sigmoid probabilities. */
  probabilities: Float32Array;
  /** Row-major 0/1 ground truth (targets >= 0.5), as metrics need. */
  truth: Float32Array;
  /** Mean loss over unmasked entries, batch-size weighted. */
  loss: number;
}

/**
 * Runs the model in inference mode over evaluation batches (disposing them) and collects
 * probabilities, binarised truth and the loss. Leaves no tensors behind.
 *
 * @example const val = await predictSplit(model, loss, evalBatches({...}))
 */
export async function predictSplit(model: tf.LayersModel, loss: BoundLoss, batches: Iterable<StepBatch>): Promise<SplitPredictions> {
  const probs: Float32Array[] = [];
  const truth: Float32Array[] = [];
  let lossSum = 0;
  let rows = 0;
  let cols = 0;
  for (const b of batches) {
    try {
      // Async reads only: webgpu under Node has no synchronous download.
      const [probT, lossT] = tf.tidy(() => {
        const logits = model.apply(modelInputs(b), { training: false }) as tf.Tensor2D;
        return [tf.sigmoid(logits), loss.compute(logits, b.ys, b.mask)] as const;
      });
      let p: Float32Array;
      let l: number;
      try {
        p = (await probT.data()) as Float32Array;
        l = (await lossT.data())[0]!;
      } finally {
        tf.dispose([probT, lossT]);
      }
      const n = b.xs.shape[0];
      cols = b.ys.shape[1];
      probs.push(p.slice());
      truth.push(Float32Array.from(await b.ys.data(), (y) => (y >= 0.5 ? 1 : 0)));
      lossSum += l * n;
      rows += n;
    } finally {
      disposeBatch(b);
    }
  }
  return { rows, cols, probabilities: concat(probs), truth: concat(truth), loss: rows > 0 ? lossSum / rows : Number.NaN };
}

/**
 * The per-epoch validation metrics: macro AUC-ROC and PR-AUC (labels without both classes
 * skipped); with a threshold procedure also macro precision / recall / F1 at per-class thresholds
 * fixed on this validation pass (what the val_macro_f1 monitor reads).
 */
export function validationMetrics(
  val: SplitPredictions,
  labelNames: string[],
  procedure: ThresholdProcedure | null = null,
  minPrecision: number = DEFAULT_MIN_PRECISION,
): Record<string, number> {
  const s = multilabelSummary(matrix(val, 'truth'), matrix(val, 'probabilities'), { labels: labelNames });
  const out: Record<string, number> = { macro_auc_roc: s.macroRocAuc, macro_pr_auc: s.macroAveragePrecision };
  if (procedure) {
    const t = thresholdedMetrics(
      matrix(val, 'truth'),
      matrix(val, 'probabilities'),
      classThresholds(matrix(val, 'truth'), matrix(val, 'probabilities'), procedure, minPrecision),
    );
    Object.assign(out, { macro_precision: t.macro.precision, macro_recall: t.macro.recall, macro_f1: t.macro.f1 });
  }
  return out;
}

/** Final metric rows of a run: test summary and operating points fixed on validation (thesis Table 10). */
export interface RunMetrics {
  metrics: MetricRow[];
  labelMetrics: LabelMetricRow[];
  /** Test metrics by name, finite ones only (what `cxr train --json` prints). */
  test: Record<string, number>;
}

/**
 * Test metrics of a run: macro and micro AUC-ROC and PR-AUC, Brier (eq. 19), LRAP, per-label
 * AUC-ROC / PR-AUC / Brier, and the 95 % sensitivity / specificity operating points whose
 * thresholds are fixed on validation and applied to test; plus validation macro AUC-ROC and PR-AUC;
 * and on both splits the fixed-0.5 metrics of thresholdMetrics (binary accuracy, macro and, on
 * test, per-label accuracy / precision / recall / F1).
 * Undefined values (a label without positives) are left out rather than stored as NaN.
 *
 * @example const { test } = runMetrics(val, testPreds, labels); test.macro_auc_roc // 0.74
 */
export function runMetrics(
  val: SplitPredictions,
  test: SplitPredictions,
  labelNames: string[],
  procedure: ThresholdProcedure | null = null,
  minPrecision: number = DEFAULT_MIN_PRECISION,
): RunMetrics {
  const s = multilabelSummary(matrix(test, 'truth'), matrix(test, 'probabilities'), { labels: labelNames });
  const v = multilabelSummary(matrix(val, 'truth'), matrix(val, 'probabilities'), { labels: labelNames });
  const op = operatingPoints(
    matrix(val, 'truth'),
    matrix(val, 'probabilities'),
    matrix(test, 'truth'),
    matrix(test, 'probabilities'),
    { sensitivity: 0.95, specificity: 0.95 },
    [],
  );
  const testMetrics: Record<string, number> = {
    macro_auc_roc: s.macroRocAuc,
    macro_pr_auc: s.macroAveragePrecision,
    micro_auc_roc: s.microRocAuc,
    micro_pr_auc: s.microAveragePrecision,
    brier: s.brier,
    lrap: s.labelRankingAveragePrecision,
    macro_spec_at_sens95: op.macro.specificityAtSensitivity.macro,
    macro_sens_at_spec95: op.macro.sensitivityAtSpecificity.macro,
    loss: test.loss,
  };
  const valMetrics: Record<string, number> = { macro_auc_roc: v.macroRocAuc, macro_pr_auc: v.macroAveragePrecision, loss: val.loss };
  const labelMetrics: LabelMetricRow[] = [];
  if (procedure) addThresholdedMetrics(val, test, labelNames, { procedure, minPrecision }, testMetrics, labelMetrics);
  const metrics: MetricRow[] = [];
  for (const [split, rec] of [
    ['test', testMetrics],
    ['val', valMetrics],
  ] as const) {
    for (const [name, value] of Object.entries(rec)) if (Number.isFinite(value)) metrics.push({ split, name, value });
  }
  s.perLabel.forEach((l, k) => {
    const o = op.perLabel[k]!;
    const values: Record<string, number> = {
      auc_roc: l.rocAuc,
      pr_auc: l.averagePrecision,
      brier: l.brier,
      positives: l.positives,
      threshold_sens95: o.sensitivityThreshold,
      spec_at_sens95: o.specificityAtSensitivity,
      threshold_spec95: o.specificityThreshold,
      sens_at_spec95: o.sensitivityAtSpecificity,
    };
    for (const [name, value] of Object.entries(values))
      if (Number.isFinite(value)) labelMetrics.push({ split: 'test', label: labelNames[k]!, name, value });
  });
  // seeds 003 / 004: decisions at the fixed 0.5, beside the thresholds fixed on validation above
  for (const [split, preds] of [
    ['test', test],
    ['val', val],
  ] as const) {
    const half = thresholdMetrics(preds, split, labelNames);
    metrics.push(...half.metrics);
    if (split === 'test') {
      labelMetrics.push(...half.labelMetrics);
      for (const m of half.metrics) testMetrics[m.name] = m.value;
    }
  }
  const finiteTest = Object.fromEntries(Object.entries(testMetrics).filter(([, x]) => Number.isFinite(x)));
  return { metrics, labelMetrics, test: finiteTest };
}

/**
 * Seed 000's thresholded test metrics: for each procedure, thresholds fixed on validation and
 * applied to test; `<metric>_<procedure>` (youden, min_precision, dynamic) for all three, the bare names (exact_match_ratio,
 * hamming_loss, macro_precision, macro_recall, macro_f1) and per-label threshold / precision /
 * recall / f1 for the configured one.
 */
function addThresholdedMetrics(
  val: SplitPredictions,
  test: SplitPredictions,
  labelNames: string[],
  { procedure, minPrecision }: { procedure: ThresholdProcedure; minPrecision: number },
  testMetrics: Record<string, number>,
  labelMetrics: LabelMetricRow[],
): void {
  for (const p of THRESHOLD_PROCEDURES) {
    const thresholds = classThresholds(matrix(val, 'truth'), matrix(val, 'probabilities'), p, minPrecision);
    const t = thresholdedMetrics(matrix(test, 'truth'), matrix(test, 'probabilities'), thresholds);
    const rec: Record<string, number> = {
      exact_match_ratio: t.exactMatchRatio,
      hamming_loss: t.hammingLoss,
      macro_precision: t.macro.precision,
      macro_recall: t.macro.recall,
      macro_f1: t.macro.f1,
    };
    for (const [name, value] of Object.entries(rec)) {
      testMetrics[`${name}_${p.replace('-', '_')}`] = value;
      if (p === procedure) testMetrics[name] = value;
    }
    if (p !== procedure) continue;
    t.perLabel.forEach((l, k) => {
      const values: Record<string, number> = { threshold: thresholds[k]!, precision: l.precision, recall: l.recall, f1: l.f1 };
      for (const [name, value] of Object.entries(values))
        if (Number.isFinite(value)) labelMetrics.push({ split: 'test', label: labelNames[k]!, name, value });
    });
  }
}

function matrix(p: SplitPredictions, which: 'truth' | 'probabilities'): LabelMatrix {
  return { rows: p.rows, cols: p.cols, data: p[which] };
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
