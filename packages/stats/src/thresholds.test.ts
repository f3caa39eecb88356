import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { confusionAt } from './confusion-at.ts';
import { defaultF1Grid } from './default-f1-grid.ts';
import { f1ThresholdWithDynamicAdjustment } from './f1-threshold-with-dynamic-adjustment.ts';
import { f1ThresholdWithMinPrecision } from './f1-threshold-with-min-precision.ts';
import { thresholdForSensitivity } from './threshold-for-sensitivity.ts';
import { thresholdForSpecificity } from './threshold-for-specificity.ts';
import type { StatsProblem } from './types.ts';
import { youdenThreshold } from './youden-threshold.ts';

interface BinaryCase {
  name: string;
  yTrue: number[];
  yScore: number[];
  thresholdForSensitivity95: number | null;
  thresholdForSpecificity95: number | null;
  youdenThreshold: number | null;
}
// Reference thresholds from scikit-learn 1.2.1 roc_curve(drop_intermediate=False); null = +inf.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/binary-metrics.json', import.meta.url), 'utf8')) as { cases: BinaryCase[] };
const inf = (v: number | null) => v ?? Number.POSITIVE_INFINITY;

const Y = [0, 0, 1, 1];
const S = [0.1, 0.4, 0.35, 0.8];

describe('threshold finders against scikit-learn roc_curve', () => {
  for (const c of fixture.cases) {
    test(c.name, () => {
      assert.equal(thresholdForSensitivity(c.yTrue, c.yScore, 0.95), inf(c.thresholdForSensitivity95));
      assert.equal(thresholdForSpecificity(c.yTrue, c.yScore, 0.95), inf(c.thresholdForSpecificity95));
      assert.equal(youdenThreshold(c.yTrue, c.yScore), inf(c.youdenThreshold));
    });
  }
  test('the found thresholds meet their targets and are extreme (one step further fails)', () => {
    for (const c of fixture.cases) {
      const t = thresholdForSensitivity(c.yTrue, c.yScore, 0.95);
      const at = confusionAt(c.yTrue, c.yScore, t);
      assert.ok(at.tp / (at.tp + at.fn) >= 0.95);
      const higher = Math.min(...c.yScore.filter((s) => s > t));
      if (Number.isFinite(higher)) {
        const h = confusionAt(c.yTrue, c.yScore, higher);
        assert.ok(h.tp / (h.tp + h.fn) < 0.95, `${c.name}: a larger threshold ${higher} also reaches the target`);
      }
      const u = thresholdForSpecificity(c.yTrue, c.yScore, 0.95);
      const su = confusionAt(c.yTrue, c.yScore, u);
      assert.ok(su.tn / (su.tn + su.fp) >= 0.95);
      const lower = Math.max(...c.yScore.filter((s) => s < u));
      const l = confusionAt(c.yTrue, c.yScore, lower);
      assert.ok(l.tn / (l.tn + l.fp) < 0.95, `${c.name}: a smaller threshold ${lower} also reaches the target`);
    }
  });
});

describe('threshold finders on hand-worked cases', () => {
  test('doc examples', () => {
    assert.equal(thresholdForSensitivity(Y, S, 0.95), 0.35);
    assert.equal(thresholdForSpecificity(Y, S, 0.95), 0.8);
    assert.equal(youdenThreshold(Y, S), 0.8);
    assert.deepEqual(confusionAt(Y, S, 0.35), { tp: 2, fp: 1, tn: 1, fn: 0 });
  });
  test('edge targets: sensitivity 0 -> +Infinity, specificity 0 -> the lowest score', () => {
    assert.equal(thresholdForSensitivity(Y, S, 0), Number.POSITIVE_INFINITY);
    assert.equal(thresholdForSensitivity(Y, S, 1), 0.35);
    assert.equal(thresholdForSpecificity(Y, S, 0), 0.1);
  });
  test('specificity unreachable except by predicting nothing -> +Infinity', () => {
    assert.equal(thresholdForSpecificity([1, 0, 1], [0.2, 0.9, 0.5], 0.95), Number.POSITIVE_INFINITY);
  });
  test('inverted scores: Youden gives +Infinity (no threshold beats chance)', () => {
    assert.equal(youdenThreshold([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]), Number.POSITIVE_INFINITY);
  });
  test('confusionAt with +-Infinity thresholds', () => {
    assert.deepEqual(confusionAt(Y, S, Number.POSITIVE_INFINITY), { tp: 0, fp: 0, tn: 2, fn: 2 });
    assert.deepEqual(confusionAt(Y, S, Number.NEGATIVE_INFINITY), { tp: 2, fp: 2, tn: 0, fn: 0 });
  });
  test('single-class labels give NaN with reasons', () => {
    const problems: StatsProblem[] = [];
    assert.ok(Number.isNaN(thresholdForSensitivity([0, 0], [0.1, 0.2], 0.95, problems)));
    assert.ok(Number.isNaN(thresholdForSpecificity([1, 1], [0.1, 0.2], 0.95, problems)));
    assert.ok(Number.isNaN(youdenThreshold([1, 1], [0.1, 0.2], problems)));
    assert.deepEqual(
      problems.map((p) => p.fn),
      ['thresholdForSensitivity', 'thresholdForSpecificity', 'youdenThreshold'],
    );
    assert.match(problems[0]!.reason, /no positives/);
    assert.match(problems[1]!.reason, /no negatives/);
  });
});

describe('F1 thresholds (seed 000, section 2.5.3)', () => {
  test('default grid is 0.10..0.85 step 0.05 without float drift', () => {
    const g = defaultF1Grid();
    assert.equal(g.length, 16);
    assert.equal(g[0], 0.1);
    assert.equal(g[1], 0.15);
    assert.equal(g[15], 0.85);
  });
  test('best F1 under the precision floor; first grid value wins ties', () => {
    // F1 per grid value worked by hand: 0.10 -> 4/7, 0.15-0.20 -> 4/6, 0.25-0.60 -> 4/5, 0.65-0.70 -> 1.
    assert.equal(f1ThresholdWithMinPrecision([0, 0, 1, 1, 0], [0.2, 0.6, 0.7, 0.9, 0.1], 0.3), 0.65);
    assert.equal(f1ThresholdWithMinPrecision([0, 0, 1, 1, 0], [0.2, 0.6, 0.7, 0.9, 0.1]), 0.65);
  });
  test('the precision floor excludes better-F1 thresholds', () => {
    // y: one positive at 0.5 among negatives at 0.6 and 0.45; grid [0.4, 0.5, 0.55]:
    // 0.4 -> P 1/3, F1 0.5; 0.5 -> P 1/2, F1 2/3; 0.55 -> nothing positive but a negative -> P 0.
    assert.equal(f1ThresholdWithMinPrecision([0, 1, 0], [0.6, 0.5, 0.45], 0.3, [0.4, 0.5, 0.55]), 0.5);
    assert.equal(f1ThresholdWithMinPrecision([0, 1, 0], [0.6, 0.5, 0.45], 0.2, [0.4, 0.55]), 0.4);
  });
  test('no grid threshold reaches the floor -> NaN and a reason', () => {
    const problems: StatsProblem[] = [];
    assert.ok(Number.isNaN(f1ThresholdWithMinPrecision([1, 0, 0], [0.1, 0.5, 0.9], 0.5, undefined, problems)));
    assert.deepEqual(problems, [{ fn: 'f1ThresholdWithMinPrecision', reason: 'no grid threshold reaches precision >= 0.5' }]);
  });
  test('dynamic adjustment lowers the threshold by 0.05 when the best F1 is below 0.30', () => {
    const y = [0, 0, 1, 0, 0, 0, 0, 0];
    const s = [0.1, 0.2, 0.3, 0.35, 0.5, 0.6, 0.7, 0.8];
    // best valid F1 is 2/7 (0.286) at 0.25 -> lowered to 0.2 (not 0.19999999999999998)
    assert.equal(f1ThresholdWithMinPrecision(y, s, 0.1), 0.25);
    assert.equal(f1ThresholdWithDynamicAdjustment(y, s, 0.1), 0.2);
    assert.equal(f1ThresholdWithDynamicAdjustment(y, s, 0.1, { minF1: 0.25 }), 0.25);
    assert.equal(f1ThresholdWithDynamicAdjustment(y, s, 0.1, { adjustment: 0.1 }), 0.15);
  });
  test('dynamic adjustment keeps a good threshold', () => {
    assert.equal(f1ThresholdWithDynamicAdjustment([0, 0, 1, 1, 0], [0.2, 0.6, 0.7, 0.9, 0.1]), 0.65);
  });
  test('dynamic adjustment: NaN with reasons for single-class labels and an unreachable floor', () => {
    const problems: StatsProblem[] = [];
    assert.ok(Number.isNaN(f1ThresholdWithDynamicAdjustment([0, 0], [0.1, 0.2], 0.3, {}, problems)));
    assert.ok(Number.isNaN(f1ThresholdWithDynamicAdjustment([1, 0, 0], [0.1, 0.5, 0.9], 0.5, {}, problems)));
    assert.ok(Number.isNaN(f1ThresholdWithMinPrecision([1, 1], [0.1, 0.5], 0.5, undefined, problems)));
    assert.deepEqual(
      problems.map((p) => p.reason),
      ['yTrue has no positives (2 negatives)', 'no grid threshold reaches precision >= 0.5', 'yTrue has no negatives (2 positives)'],
    );
  });
});

describe('threshold argument errors', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      'sensitivity target > 1',
      () => thresholdForSensitivity(Y, S, 95),
      /^thresholdForSensitivity\(target\): expected a number in \[0, 1\], received 95$/,
    ],
    [
      'specificity target NaN',
      () => thresholdForSpecificity(Y, S, Number.NaN),
      /^thresholdForSpecificity\(target\): expected a number in \[0, 1\], received NaN$/,
    ],
    [
      'youden bad truth',
      () => youdenThreshold([0, 2], [0.1, 0.2]),
      /^youdenThreshold\(yTrue\): expected only 0 or 1, received 2 at index 1$/,
    ],
    [
      'confusionAt NaN threshold',
      () => confusionAt(Y, S, Number.NaN),
      /^confusionAt\(threshold\): expected a number \(may be \+-Infinity\), received NaN$/,
    ],
    [
      'min precision < 0',
      () => f1ThresholdWithMinPrecision(Y, S, -0.1),
      /^f1ThresholdWithMinPrecision\(minPrecision\): expected a number in \[0, 1\], received -0.1$/,
    ],
    [
      'empty grid',
      () => f1ThresholdWithMinPrecision(Y, S, 0.3, []),
      /^f1ThresholdWithMinPrecision\(grid\): expected at least one threshold, received an empty array$/,
    ],
    [
      'NaN in grid',
      () => f1ThresholdWithMinPrecision(Y, S, 0.3, [0.2, Number.NaN]),
      /^f1ThresholdWithMinPrecision\(grid\): expected finite thresholds, received NaN at index 1$/,
    ],
    [
      'grid not an array',
      () => f1ThresholdWithMinPrecision(Y, S, 0.3, 0.5 as unknown as number[]),
      /^f1ThresholdWithMinPrecision\(grid\): expected an array or typed array of numbers, received 0.5$/,
    ],
    [
      'dynamic minF1',
      () => f1ThresholdWithDynamicAdjustment(Y, S, 0.3, { minF1: 2 }),
      /^f1ThresholdWithDynamicAdjustment\(options.minF1\): expected a number in \[0, 1\], received 2$/,
    ],
    [
      'dynamic adjustment',
      () => f1ThresholdWithDynamicAdjustment(Y, S, 0.3, { adjustment: -0.05 }),
      /^f1ThresholdWithDynamicAdjustment\(options.adjustment\): expected a finite number >= 0, received -0.05$/,
    ],
    [
      'dynamic minPrecision',
      () => f1ThresholdWithDynamicAdjustment(Y, S, 1.5),
      /^f1ThresholdWithDynamicAdjustment\(minPrecision\): expected a number in \[0, 1\], received 1.5$/,
    ],
    [
      'dynamic grid',
      () => f1ThresholdWithDynamicAdjustment(Y, S, 0.3, { grid: [] }),
      /^f1ThresholdWithDynamicAdjustment\(grid\): expected at least one threshold, received an empty array$/,
    ],
  ];
  for (const [name, call, message] of cases) {
    test(name, () => assert.throws(call, (e: Error) => e.name === 'StatsArgumentError' && message.test(e.message)));
  }
});
