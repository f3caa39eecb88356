import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { column } from './column.ts';
import { confusionAt } from './confusion-at.ts';
import { labelMatrixFromRows } from './label-matrix-from-rows.ts';
import { operatingPoints } from './operating-points.ts';
import { thresholdForSensitivity } from './threshold-for-sensitivity.ts';
import { thresholdForSpecificity } from './threshold-for-specificity.ts';
import type { LabelMatrix, StatsProblem } from './types.ts';

const ml = JSON.parse(readFileSync(new URL('../fixtures/multilabel-metrics.json', import.meta.url), 'utf8')) as {
  rows: number;
  cols: number;
  yTrue: number[];
  yScore: number[];
};
// First 1,500 images act as validation, the remaining 1,500 as test.
const half = ml.rows / 2;
const slice = (data: number[], from: number, to: number): LabelMatrix => ({
  rows: to - from,
  cols: ml.cols,
  data: data.slice(from * ml.cols, to * ml.cols),
});
const vT = slice(ml.yTrue, 0, half);
const vS = slice(ml.yScore, 0, half);
const tT = slice(ml.yTrue, half, ml.rows);
const tS = slice(ml.yScore, half, ml.rows);

describe('operatingPoints (thesis Table 10 protocol)', () => {
  test('thresholds come from validation and are applied unchanged to test', () => {
    const r = operatingPoints(vT, vS, tT, tS, { sensitivity: 0.95, specificity: 0.95 });
    assert.equal(r.perLabel.length, ml.cols);
    for (let k = 0; k < ml.cols; k++) {
      const p = r.perLabel[k]!;
      const sensT = thresholdForSensitivity(column(vT, k), column(vS, k), 0.95);
      const specT = thresholdForSpecificity(column(vT, k), column(vS, k), 0.95);
      assert.equal(p.sensitivityThreshold, sensT);
      assert.equal(p.specificityThreshold, specT);
      const a = confusionAt(column(tT, k), column(tS, k), sensT);
      const b = confusionAt(column(tT, k), column(tS, k), specT);
      assert.equal(p.specificityAtSensitivity, a.tn / (a.tn + a.fp));
      assert.equal(p.testSensitivity, a.tp / (a.tp + a.fn));
      assert.equal(p.sensitivityAtSpecificity, b.tp / (b.tp + b.fn));
      assert.equal(p.testSpecificity, b.tn / (b.tn + b.fp));
      assert.equal(p.reason, '');
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.equal(r.macro.specificityAtSensitivity.macro, mean(r.perLabel.map((p) => p.specificityAtSensitivity)));
    assert.equal(r.macro.sensitivityAtSpecificity.macro, mean(r.perLabel.map((p) => p.sensitivityAtSpecificity)));
    assert.equal(r.macro.sensitivityAtSpecificity.skipped, 0);
  });
  test('defaults are 95 % / 95 %', () => {
    assert.deepEqual(operatingPoints(vT, vS, tT, tS).targets, { sensitivity: 0.95, specificity: 0.95 });
  });
  test('hand-worked: validation fixes 0.35 and 0.8; test measures them', () => {
    const v = labelMatrixFromRows([[0], [0], [1], [1]]);
    const vs = labelMatrixFromRows([[0.1], [0.4], [0.35], [0.8]]);
    const t = labelMatrixFromRows([[0], [0], [0], [1], [1]]);
    const ts = labelMatrixFromRows([[0.3], [0.5], [0.9], [0.36], [0.85]]);
    const p = operatingPoints(v, vs, t, ts).perLabel[0]!;
    assert.equal(p.sensitivityThreshold, 0.35);
    assert.equal(p.specificityAtSensitivity, 1 / 3); // only 0.3 of the test negatives is below 0.35
    assert.equal(p.testSensitivity, 1);
    assert.equal(p.specificityThreshold, 0.8);
    assert.equal(p.sensitivityAtSpecificity, 0.5); // 0.85 >= 0.8, 0.36 is not
    assert.equal(p.testSpecificity, 2 / 3);
  });
  test('labels lacking a class in validation or test are NaN, skipped and explained', () => {
    const problems: StatsProblem[] = [];
    const v = labelMatrixFromRows([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
    const vs = labelMatrixFromRows([
      [0.1, 0.2],
      [0.7, 0.3],
      [0.8, 0.9],
    ]);
    const t = labelMatrixFromRows([
      [0, 1],
      [1, 1],
    ]);
    const ts = labelMatrixFromRows([
      [0.2, 0.4],
      [0.9, 0.6],
    ]);
    const r = operatingPoints(v, vs, t, ts, undefined, problems);
    assert.equal(r.perLabel[0]!.reason, '');
    assert.equal(r.perLabel[1]!.reason, 'test: yTrue has no negatives (2 positives)');
    assert.ok(Number.isNaN(r.perLabel[1]!.specificityAtSensitivity));
    assert.equal(r.macro.specificityAtSensitivity.skipped, 1);
    assert.equal(r.macro.specificityAtSensitivity.macro, r.perLabel[0]!.specificityAtSensitivity);
    assert.deepEqual(problems, [{ fn: 'operatingPoints', label: 1, reason: 'test: yTrue has no negatives (2 positives)' }]);
    const r2 = operatingPoints(
      labelMatrixFromRows([[0], [0]]),
      labelMatrixFromRows([[0.1], [0.2]]),
      labelMatrixFromRows([[0], [1]]),
      labelMatrixFromRows([[0.1], [0.2]]),
    );
    assert.equal(r2.perLabel[0]!.reason, 'validation: yTrue has no positives (2 negatives)');
  });
  test('argument errors', () => {
    const isArg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
    assert.throws(
      () => operatingPoints(vT, vS, tT, tS, { sensitivity: 1.2, specificity: 0.95 }),
      isArg(/^operatingPoints\(targets.sensitivity\): expected a number in \[0, 1\], received 1.2$/),
    );
    assert.throws(
      () => operatingPoints(vT, vS, tT, tS, { sensitivity: 0.9 } as never),
      isArg(/^operatingPoints\(targets.specificity\): expected a number in \[0, 1\], received undefined$/),
    );
    assert.throws(
      () => operatingPoints(vT, vS, tT, tS, null as never),
      isArg(/^operatingPoints\(targets\): expected an object \{ sensitivity, specificity \}, received null$/),
    );
    assert.throws(
      () => operatingPoints(vT, vS, labelMatrixFromRows([[0]]), labelMatrixFromRows([[0.5]])),
      isArg(/^operatingPoints\(testTrue\): expected 6 labels \(as validTrue\), received 1 labels$/),
    );
    const short = slice(ml.yScore, 0, 10);
    assert.throws(
      () => operatingPoints(vT, short, tT, tS),
      isArg(/^operatingPoints\(validScore\): expected shape 1500 x 6 \(the shape of yTrue\), received shape 10 x 6$/),
    );
    assert.throws(
      () => operatingPoints(vT, vS, tT, short),
      isArg(/^operatingPoints\(testScore\): expected shape 1500 x 6 \(the shape of yTrue\), received shape 10 x 6$/),
    );
  });
});
