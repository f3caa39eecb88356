import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PredictionSet } from '@cxr/results';
import { expectClose } from '@cxr/testkit';
import { deployableThresholds, THRESHOLD_RULES } from './deployable-thresholds.ts';

// Label 'a': six negatives and four positives, hand-counted below; row 11 is uncertain (-1) with
// score 0.99 and must be ignored (counted as a negative it would push spec95 to +Infinity).
// Label 'b' has no positives, so no rule has an answer.
const A_TRUE = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, -1];
const A_SCORE = [0.05, 0.12, 0.22, 0.33, 0.41, 0.58, 0.36, 0.62, 0.77, 0.91, 0.99];

function predictionSet(): PredictionSet {
  const rows = A_TRUE.length;
  const labels = new Float32Array(rows * 2);
  const probabilities = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    labels[r * 2] = A_TRUE[r]!;
    probabilities[r * 2] = A_SCORE[r]!;
    probabilities[r * 2 + 1] = 0.5;
  }
  return { split: 'val', labelNames: ['a', 'b'], rows, cols: 2, labels, probabilities };
}

const f32 = (v: number) => Math.fround(v);

describe('deployableThresholds', () => {
  test('hand-derived thresholds and validation figures of every rule', () => {
    const t = deployableThresholds(predictionSet());
    assert.deepEqual(Object.keys(t), ['a', 'b']);
    assert.deepEqual(Object.keys(t['a']!), [...THRESHOLD_RULES]);
    const a = t['a']!;
    // Youden: J = tpr - fpr peaks at 0.75 for threshold 0.62 (3 of 4 positives, no negative)
    assert.equal(a.youden.threshold, f32(0.62));
    // grid F1 (precision >= 0.40): best 6/7 at 0.60 (tp 3, fp 0, fn 1); 0.35 gives 0.8, 0.45 gives 0.75
    assert.equal(a['f1-min-precision'].threshold, 0.6);
    assert.equal(a.dynamic.threshold, 0.6, 'best F1 6/7 >= 0.30: no adjustment');
    // sensitivity >= 0.95 needs all four positives: the lowest positive score
    assert.equal(a.sens95.threshold, f32(0.36));
    // specificity >= 0.95 needs no false positive: the smallest score above the top negative 0.58
    assert.equal(a.spec95.threshold, f32(0.62));
    const fig = (e: (typeof a)['youden']) => [e.validation.sensitivity, e.validation.specificity, e.validation.precision, e.validation.f1];
    expectClose(fig(a.youden) as number[], [0.75, 1, 1, 6 / 7], 1e-12);
    expectClose(fig(a['f1-min-precision']) as number[], [0.75, 1, 1, 6 / 7], 1e-12);
    // at 0.36: tp 4, fp 2 (0.41, 0.58), tn 4
    expectClose(fig(a.sens95) as number[], [1, 4 / 6, 4 / 6, 0.8], 1e-12);
    assert.deepEqual(a['f1-min-precision'].parameters, {
      minPrecision: 0.4,
      grid: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85],
    });
    assert.deepEqual(a.sens95.parameters, { targetSensitivity: 0.95 });
    assert.equal(a.youden.note, undefined);
  });

  test('a label without positives gets null thresholds and figures, with the reason', () => {
    const b = deployableThresholds(predictionSet())['b']!;
    for (const rule of THRESHOLD_RULES) {
      assert.equal(b[rule].threshold, null, rule);
      assert.deepEqual(b[rule].validation, { sensitivity: null, specificity: null, precision: null, f1: null });
      assert.match(b[rule].note ?? '', /positive/, rule);
    }
  });

  test("options reach the rules: a minimum F1 above the best lowers 'dynamic' by the adjustment", () => {
    const a = deployableThresholds(predictionSet(), { minF1: 0.9, sensitivity: 0.7 })['a']!;
    assert.equal(a.dynamic.threshold, 0.55, '0.60 - 0.05');
    // at 0.55: tp 3, fp 1 (0.58), fn 1, tn 5
    expectClose([a.dynamic.validation.specificity!, a.dynamic.validation.f1!], [5 / 6, 0.75], 1e-12);
    assert.deepEqual(a.dynamic.parameters['minF1'], 0.9);
    // sensitivity >= 0.7 needs 3 positives: 0.62
    assert.equal(a.sens95.threshold, f32(0.62));
  });

  test('refuses a malformed prediction set and options outside [0, 1]', () => {
    const set = predictionSet();
    assert.throws(() => deployableThresholds({ ...set, cols: 3 }), {
      name: 'ReportArgumentError',
      message: 'deployableThresholds(val.cols): expected 2 (one column per label name), received 3',
    });
    assert.throws(() => deployableThresholds({ ...set, probabilities: new Float32Array(3) }), {
      message: 'deployableThresholds(val.probabilities): expected 22 values (rows * cols), received a Float32Array of length 3',
    });
    assert.throws(() => deployableThresholds({ ...set, labels: new Float32Array(3) }), { message: /val\.labels/ });
    assert.throws(() => deployableThresholds(null as unknown as PredictionSet), {
      message: /deployableThresholds\(val\): expected a PredictionSet/,
    });
    assert.throws(() => deployableThresholds(set, { minPrecision: 1.5 }), {
      message: 'deployableThresholds(options.minPrecision): expected a number in [0, 1], received 1.5',
    });
  });
});
