import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import {
  classThresholds,
  DEFAULT_MIN_PRECISION,
  FALLBACK_THRESHOLD,
  thresholdedMetrics,
  type ThresholdProcedure,
} from './class-thresholds.ts';
import { monitoredValue } from './monitor.ts';

// Two labels over 5 images; label 1 has no positives (its procedures are undefined).
const truth = { rows: 5, cols: 2, data: [0, 0, 0, 0, 1, 0, 1, 0, 0, 0] };
const scores = { rows: 5, cols: 2, data: [0.2, 0.1, 0.6, 0.2, 0.7, 0.3, 0.9, 0.4, 0.1, 0.5] };

describe("classThresholds (seed 000's three procedures, per label)", () => {
  test('each procedure matches its @cxr/stats rule on the label column; an undefined label falls back to 0.5', () => {
    // label 0 is the example of f1ThresholdWithMinPrecision ([0,0,1,1,0] / [0.2,0.6,0.7,0.9,0.1] -> 0.65) and youdenThreshold
    const expected: Record<ThresholdProcedure, number> = { youden: 0.7, 'min-precision': 0.65, dynamic: 0.65 };
    for (const p of ['youden', 'min-precision', 'dynamic'] as const) {
      const t = classThresholds(truth, scores, p);
      expectClose(t[0]!, expected[p], 1e-9);
      assert.equal(t[1], FALLBACK_THRESHOLD, p);
    }
    assert.throws(
      () => classThresholds(truth, scores, 'mean' as ThresholdProcedure),
      /classThresholds\(procedure\): expected one of youden, min-precision, dynamic, received "mean"/,
    );
  });

  test("the precision floor is the caller's: 0.30 by default, 0.40 as seed 000's own run (section 3.1)", () => {
    // 3 positives in 12; at 0.40 nine images are called positive (precision 3/9 = 0.33, F1 0.50),
    // so a 0.40 floor must go up to 0.85 (one call, precision 1, F1 0.50)
    const y = { rows: 12, cols: 1, data: [1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0] };
    const s = { rows: 12, cols: 1, data: [0.88, 0.82, 0.78, 0.72, 0.66, 0.58, 0.52, 0.48, 0.42, 0.36, 0.28, 0.22] };
    for (const p of ['min-precision', 'dynamic'] as const) {
      expectClose(classThresholds(y, s, p)[0]!, 0.4, 1e-9);
      expectClose(classThresholds(y, s, p, DEFAULT_MIN_PRECISION)[0]!, 0.4, 1e-9);
      expectClose(classThresholds(y, s, p, 0.4)[0]!, 0.85, 1e-9);
    }
    expectClose(classThresholds(y, s, 'youden', 0.4)[0]!, classThresholds(y, s, 'youden')[0]!, 0);
    assert.throws(() => classThresholds(y, s, 'dynamic', 1.5), /minPrecision/);
  });

  test('thresholded metrics: exact match, Hamming loss, per-label and macro P/R/F1', () => {
    const m = thresholdedMetrics(truth, scores, [0.65, 0.5]);
    // predictions: label 0 -> [0,0,1,1,0] (all right), label 1 -> [0,0,0,0,1] (one false positive)
    assert.equal(m.exactMatchRatio, 4 / 5);
    assert.equal(m.hammingLoss, 1 / 10);
    assert.deepEqual(m.perLabel[0], { precision: 1, recall: 1, f1: 1 });
    assert.equal(m.perLabel[1]!.precision, 0);
    assert.ok(Number.isNaN(m.perLabel[1]!.recall));
    assert.equal(m.macro.recall, 1);
  });

  test('monitors read their metric: val_macro_f1 -> macro_f1, val_macro_auc -> macro_auc_roc, val_loss -> the loss', () => {
    const val = { loss: 0.4, metrics: { macro_f1: 0.31, macro_auc_roc: 0.7 } };
    assert.equal(monitoredValue('val_macro_f1', val), 0.31);
    assert.equal(monitoredValue('val_macro_auc', val), 0.7);
    assert.equal(monitoredValue('val_loss', val), 0.4);
    assert.ok(Number.isNaN(monitoredValue('val_macro_f1', { loss: 1, metrics: {} })));
  });
});
