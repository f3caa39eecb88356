import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { averagePrecision } from './average-precision.ts';
import { precisionRecallCurve } from './precision-recall-curve.ts';
import { rocAuc } from './roc-auc.ts';
import { rocCurve } from './roc-curve.ts';
import type { CurvePointLike, StatsProblem } from './types.ts';

interface CurveCase {
  name: string;
  yTrue: number[];
  yScore: number[];
  roc: { fpr: number[]; tpr: number[]; thresholds: (number | null)[] };
  pr: { precision: number[]; recall: number[]; thresholds: number[] };
}
// Reference values: scikit-learn 1.2.1 roc_curve(drop_intermediate=False) and precision_recall_curve,
// written by fixtures/generate-curve-fixtures.py (see its versions field).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/curves.json', import.meta.url), 'utf8')) as {
  versions: { sklearn: string };
  cases: CurveCase[];
};

const trapezoid = (c: CurvePointLike[]) => c.slice(1).reduce((area, p, i) => area + ((p.x - c[i]!.x) * (p.y + c[i]!.y)) / 2, 0);
const stepSum = (c: CurvePointLike[]) => c.slice(1).reduce((sum, p, i) => sum + (p.x - c[i]!.x) * p.y, 0);

describe('rocCurve and precisionRecallCurve against scikit-learn 1.2.1', () => {
  test('fixture provenance, and its cases hold tied scores', () => {
    assert.equal(fixture.versions.sklearn, '1.2.1');
    assert.ok(fixture.cases.filter((c) => new Set(c.yScore).size < c.yScore.length).length >= 2);
  });
  for (const c of fixture.cases) {
    test(`${c.name}: roc_curve point for point (1e-12)`, () => {
      const curve = rocCurve(c.yTrue, c.yScore);
      expectClose(
        curve.map((p) => p.x),
        c.roc.fpr,
        1e-12,
        'fpr',
      );
      expectClose(
        curve.map((p) => p.y),
        c.roc.tpr,
        1e-12,
        'tpr',
      );
      assert.deepEqual(
        curve.map((p) => p.threshold),
        c.roc.thresholds.map((t) => t ?? Number.POSITIVE_INFINITY),
      );
      assert.deepEqual([curve.at(-1)!.x, curve.at(-1)!.y], [1, 1], 'ends at (1, 1)');
    });
    test(`${c.name}: precision_recall_curve reversed, point for point (1e-12)`, () => {
      const curve = precisionRecallCurve(c.yTrue, c.yScore);
      expectClose(
        curve.map((p) => p.x),
        [...c.pr.recall].reverse(),
        1e-12,
        'recall',
      );
      expectClose(
        curve.map((p) => p.y),
        [...c.pr.precision].reverse(),
        1e-12,
        'precision',
      );
      assert.deepEqual(
        curve.map((p) => p.threshold),
        [Number.POSITIVE_INFINITY, ...[...c.pr.thresholds].reverse()],
      );
    });
    test(`${c.name}: the trapezoid area of the ROC curve is rocAuc, the PR step sum is averagePrecision`, () => {
      expectClose(trapezoid(rocCurve(c.yTrue, c.yScore)), rocAuc(c.yTrue, c.yScore), 1e-12, 'roc area');
      expectClose(stepSum(precisionRecallCurve(c.yTrue, c.yScore)), averagePrecision(c.yTrue, c.yScore), 1e-12, 'ap');
    });
  }
});

describe('hand-worked curves', () => {
  test('doc examples, with a tie across the classes at 0.2 making one diagonal step', () => {
    assert.deepEqual(rocCurve([0, 1, 1], [0.2, 0.9, 0.2]), [
      { x: 0, y: 0, threshold: Infinity },
      { x: 0, y: 0.5, threshold: 0.9 },
      { x: 1, y: 1, threshold: 0.2 },
    ]);
    assert.deepEqual(precisionRecallCurve([0, 1, 1], [0.2, 0.9, 0.2]), [
      { x: 0, y: 1, threshold: Infinity },
      { x: 0.5, y: 1, threshold: 0.9 },
      { x: 1, y: 2 / 3, threshold: 0.2 },
    ]);
  });
  test('-0 and +0 are one threshold; typed arrays work', () => {
    const curve = rocCurve(Uint8Array.from([0, 1, 0, 1]), Float32Array.from([-0, 0, 0.5, 0.5]));
    assert.deepEqual(
      curve.map((p) => [p.x, p.y, p.threshold]),
      [
        [0, 0, Infinity],
        [0.5, 0.5, 0.5],
        [1, 1, 0],
      ],
    );
  });
  test('no positives: every TPR and every recall is NaN, with the reason; FPR stays defined', () => {
    const problems: StatsProblem[] = [];
    const roc = rocCurve([0, 0, 0], [0.1, 0.2, 0.3], problems);
    assert.deepEqual(
      roc.map((p) => p.x),
      [0, 1 / 3, 2 / 3, 1],
    );
    assert.ok(roc.every((p) => Number.isNaN(p.y)));
    const pr = precisionRecallCurve([0, 0, 0], [0.1, 0.2, 0.3], problems);
    assert.ok(pr.every((p) => Number.isNaN(p.x)));
    assert.deepEqual(
      pr.map((p) => p.y),
      [1, 0, 0, 0],
    );
    assert.deepEqual(problems, [
      { fn: 'rocCurve', reason: 'yTrue has no positives (3 negatives)' },
      { fn: 'precisionRecallCurve', reason: 'yTrue has no positives (3 negatives)' },
    ]);
  });
  test('no negatives: every FPR is NaN (reason given); the PR curve is defined, precision 1', () => {
    const problems: StatsProblem[] = [];
    const roc = rocCurve([1, 1], [0.4, 0.6], problems);
    assert.ok(roc.every((p) => Number.isNaN(p.x)));
    assert.deepEqual(problems, [{ fn: 'rocCurve', reason: 'yTrue has no negatives (2 positives)' }]);
    assert.deepEqual(precisionRecallCurve([1, 1], [0.4, 0.6], problems), [
      { x: 0, y: 1, threshold: Infinity },
      { x: 0.5, y: 1, threshold: 0.6 },
      { x: 1, y: 1, threshold: 0.4 },
    ]);
    assert.equal(problems.length, 1);
  });
  test('argument errors name the function and the argument', () => {
    const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
    assert.throws(() => rocCurve([0, 1], [0.5]), arg(/^rocCurve\(yScore\): expected length 2 \(the length of yTrue\), received length 1$/));
    assert.throws(() => rocCurve([], []), arg(/^rocCurve\(yTrue\): expected at least one element/));
    assert.throws(() => rocCurve([0, 2], [0.1, 0.2]), arg(/^rocCurve\(yTrue\): expected only 0 or 1, received 2 at index 1$/));
    assert.throws(
      () => precisionRecallCurve([0, 1], [0.1, Number.NaN]),
      arg(/^precisionRecallCurve\(yScore\): expected finite numbers, received NaN at index 1$/),
    );
    assert.throws(() => precisionRecallCurve('01' as never, [0.1, 0.2]), arg(/^precisionRecallCurve\(yTrue\): expected an array/));
  });
});
