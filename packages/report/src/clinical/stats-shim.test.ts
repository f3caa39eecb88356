// TEMPORARY with stats-shim.ts: hand-derived cases of the agreed @cxr/stats contract (common.md of
// issue 16), so the swap to @cxr/stats at merge can be checked against the same numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rocAuc } from '@cxr/stats';
import { expectClose } from '@cxr/testkit';
import {
  bootstrapPooledDelta,
  expectedCalibrationError,
  precisionRecallCurve,
  probabilityHistogram,
  rocCurve,
  thinCurve,
} from './stats-shim.ts';

const y = [0, 0, 1, 1];
const p = [0.1, 0.4, 0.35, 0.8];

test('rocCurve: scikit-learn roc_curve(drop_intermediate=False) as points, from (0, 0) at +Infinity', () => {
  // by hand: thresholds inf, 0.8, 0.4, 0.35, 0.1 -> fpr 0, 0, 0.5, 0.5, 1 and tpr 0, 0.5, 0.5, 1, 1
  assert.deepEqual(
    rocCurve(y, p).map((c) => [c.x, c.y, c.threshold]),
    [
      [0, 0, Infinity],
      [0, 0.5, 0.8],
      [0.5, 0.5, 0.4],
      [0.5, 1, 0.35],
      [1, 1, 0.1],
    ],
  );
});

test('precisionRecallCurve: descending thresholds after (recall 0, precision 1)', () => {
  const c = precisionRecallCurve(y, p);
  assert.deepEqual(
    c.map((q) => [q.x, q.threshold]),
    [
      [0, Infinity],
      [0.5, 0.8],
      [0.5, 0.4],
      [1, 0.35],
      [1, 0.1],
    ],
  );
  expectClose(
    c.map((q) => q.y),
    [1, 1, 0.5, 2 / 3, 0.5],
  );
});

test('expectedCalibrationError: count-weighted |observed - mean predicted| over the non-empty bins', () => {
  // bins of 2: [0, 0.5) holds 0.1, 0.4, 0.35 (one positive): |1/3 - 0.85/3| * 3/4; [0.5, 1] holds 0.8 (positive): 0.2 * 1/4
  const r = expectedCalibrationError(y, p, { bins: 2 });
  expectClose(r.ece, 0.0375 + 0.05, 1e-12);
  assert.deepEqual(
    r.bins.map((b) => [b.lo, b.hi, b.count]),
    [
      [0, 0.5, 3],
      [0.5, 1, 1],
    ],
  );
  assert.ok(Number.isNaN(expectedCalibrationError([1], [0.99], { bins: 3 }).bins[0]!.meanPredicted), 'an empty bin has NaN means');
  assert.equal(expectedCalibrationError([1], [1], { bins: 4 }).bins[3]!.count, 1, 'the last bin is closed on the right');
});

test('probabilityHistogram: relative frequency within each class; a class with no member gives zeros', () => {
  assert.deepEqual(probabilityHistogram(y, p, 2), [
    { lo: 0, hi: 0.5, positives: 0.5, negatives: 1 },
    { lo: 0.5, hi: 1, positives: 0.5, negatives: 0 },
  ]);
  assert.deepEqual(
    probabilityHistogram([1, 1], [0.2, 0.9], 2).map((b) => b.negatives),
    [0, 0],
  );
});

test('thinCurve: at most maxPoints, first and last kept, short curves unchanged', () => {
  const points = Array.from({ length: 50 }, (_, i) => ({ x: i / 49, y: Math.sqrt(i / 49), threshold: 1 - i / 49 }));
  const thin = thinCurve(points, 10);
  assert.ok(thin.length <= 10);
  assert.deepEqual([thin[0], thin.at(-1)], [points[0], points[49]]);
  assert.deepEqual(thinCurve(points.slice(0, 5), 10), points.slice(0, 5));
});

test('bootstrapPooledDelta: estimate = mean over seeds of the metric - reference; same seed, same interval', () => {
  const seeds = [p, [0.2, 0.3, 0.6, 0.7]];
  const auc = (t: Float64Array, s: Float64Array) => rocAuc(t, s);
  const a = bootstrapPooledDelta(y, seeds, 0.6, auc, { seed: 5, b: 200 });
  expectClose(a.estimate, (0.75 + 1) / 2 - 0.6, 1e-12);
  assert.deepEqual(bootstrapPooledDelta(y, seeds, 0.6, auc, { seed: 5, b: 200 }), a);
  assert.ok(a.lo <= a.hi && a.hi <= 0.4 + 1e-12 && a.lo >= -0.6 - 1e-12);
  assert.equal(a.b, 200);
});
