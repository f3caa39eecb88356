import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { runMetrics, type SplitPredictions } from './evaluate.ts';
import { thresholdMetrics } from './threshold-metrics.ts';

// 4 images x 2 labels, worked by hand. Label A: truth 1 1 0 0, p .9 .4 .6 .1 -> tp 1, fn 1, fp 1, tn 1.
// Label B: truth 0 0 0 0, p .2 .3 .1 .7 -> fp 1, tn 3 (precision 0, recall undefined, F1 0).
const preds: SplitPredictions = {
  rows: 4,
  cols: 2,
  truth: Float32Array.from([1, 0, 1, 0, 0, 0, 0, 0]),
  probabilities: Float32Array.from([0.9, 0.2, 0.4, 0.3, 0.6, 0.1, 0.1, 0.7]),
  loss: 0.5,
};
const value = (rows: { name: string; value: number; label?: string }[], name: string, label?: string) =>
  rows.find((r) => r.name === name && (label === undefined || r.label === label))?.value;

describe('thresholdMetrics (fixed 0.5: seed 003 per-class metrics, seed 004 binary accuracy)', () => {
  test('binary accuracy, macro and per-label accuracy / precision / recall / F1 match the hand count', () => {
    const { metrics, labelMetrics } = thresholdMetrics(preds, 'test', ['A', 'B']);
    expectClose(value(metrics, 'binary_accuracy')!, 5 / 8, 1e-12);
    expectClose(value(metrics, 'macro_accuracy_05')!, (0.5 + 0.75) / 2, 1e-12);
    expectClose(value(labelMetrics, 'precision_05', 'A')!, 0.5, 1e-12);
    expectClose(value(labelMetrics, 'recall_05', 'A')!, 0.5, 1e-12);
    expectClose(value(labelMetrics, 'f1_05', 'A')!, 0.5, 1e-12);
    expectClose(value(labelMetrics, 'accuracy_05', 'B')!, 0.75, 1e-12);
    expectClose(value(labelMetrics, 'precision_05', 'B')!, 0, 1e-12);
    assert.equal(value(labelMetrics, 'recall_05', 'B'), undefined, 'undefined recall is left out, not NaN');
    expectClose(value(metrics, 'macro_recall_05')!, 0.5, 1e-12, 'B skipped');
    expectClose(value(metrics, 'macro_f1_05')!, 0.25, 1e-12);
    assert.ok(metrics.every((m) => m.split === 'test' && Number.isFinite(m.value)));
  });

  test('runMetrics stores them on test (with labels) and val (run rows)', () => {
    const { metrics, labelMetrics } = runMetrics(preds, preds, ['A', 'B']);
    assert.ok(metrics.some((m) => m.split === 'test' && m.name === 'binary_accuracy'));
    assert.ok(metrics.some((m) => m.split === 'val' && m.name === 'binary_accuracy'));
    assert.ok(labelMetrics.some((m) => m.split === 'test' && m.label === 'A' && m.name === 'f1_05'));
  });
});
