import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { averagePrecision } from './average-precision.ts';
import { brierScore } from './brier-score.ts';
import { rocAuc } from './roc-auc.ts';
import type { StatsProblem } from './types.ts';

interface BinaryCase {
  name: string;
  yTrue: number[];
  yScore: number[];
  rocAuc: number;
  averagePrecision: number;
  brierScore: number;
}
// Reference values: scikit-learn 1.2.1 (see fixtures/generate-fixtures.py and the versions field).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/binary-metrics.json', import.meta.url), 'utf8')) as {
  versions: { sklearn: string };
  cases: BinaryCase[];
};

describe('rocAuc / averagePrecision / brierScore against scikit-learn', () => {
  test('fixtures were produced by scikit-learn and cover ties, rare positives and N = 10,000', () => {
    assert.equal(fixture.versions.sklearn, '1.2.1');
    assert.ok(fixture.cases.some((c) => c.yTrue.length === 10000));
    assert.ok(fixture.cases.some((c) => c.yTrue.filter((y) => y === 1).length / c.yTrue.length < 0.02));
    assert.ok(
      fixture.cases.every((c) => new Set(c.yScore).size < c.yScore.length || c.name.startsWith('continuous') || c.name.startsWith('rare')),
    );
  });
  for (const c of fixture.cases) {
    test(`${c.name}: equal to 1e-9`, () => {
      expectClose(rocAuc(c.yTrue, c.yScore), c.rocAuc, 1e-9, 'roc_auc_score');
      expectClose(averagePrecision(c.yTrue, c.yScore), c.averagePrecision, 1e-9, 'average_precision_score');
      expectClose(brierScore(c.yTrue, c.yScore), c.brierScore, 1e-9, 'brier_score_loss');
    });
  }
  test('typed arrays give the same values as plain arrays', () => {
    const c = fixture.cases[0]!;
    assert.equal(rocAuc(Uint8Array.from(c.yTrue), Float32Array.from(c.yScore)), rocAuc(c.yTrue, Array.from(Float32Array.from(c.yScore))));
  });
});

describe('hand-worked examples', () => {
  test('doc examples', () => {
    assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
    expectClose(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 5 / 6, 1e-15);
    expectClose(brierScore([0, 1, 1], [0.1, 0.9, 0.6]), 0.06, 1e-15);
  });
  test('ties count half: all scores equal gives AUC 0.5 and AP = prevalence', () => {
    assert.equal(rocAuc([0, 1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3, 0.3]), 0.5);
    assert.equal(averagePrecision([0, 1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3, 0.3]), 0.4);
  });
  test('perfect and inverted rankings', () => {
    assert.equal(rocAuc([0, 0, 1], [0.1, 0.2, 0.9]), 1);
    assert.equal(rocAuc([0, 0, 1], [0.8, 0.9, 0.1]), 0);
    assert.equal(averagePrecision([0, 0, 1], [0.1, 0.2, 0.9]), 1);
  });
  test('-0 and +0 are the same score', () => {
    assert.equal(rocAuc([0, 1], [0, -0]), 0.5);
  });
});

describe('undefined metrics: NaN plus a reason, never 0.5', () => {
  for (const [name, metric] of [
    ['rocAuc', rocAuc],
    ['averagePrecision', averagePrecision],
  ] as const) {
    test(`${name}: no positives / no negatives`, () => {
      const problems: StatsProblem[] = [];
      assert.ok(Number.isNaN(metric([0, 0, 0], [0.1, 0.5, 0.9], problems)));
      assert.ok(Number.isNaN(metric([1, 1], [0.1, 0.5], problems)));
      assert.deepEqual(problems, [
        { fn: name, reason: 'yTrue has no positives (3 negatives)' },
        { fn: name, reason: 'yTrue has no negatives (2 positives)' },
      ]);
      assert.ok(Number.isNaN(metric([0, 0], [0.1, 0.5]))); // problems list is optional
    });
  }
  test('brierScore is defined for a single class', () => {
    expectClose(brierScore([0, 0], [0.1, 0.3]), 0.05, 1e-15);
  });
});

describe('argument errors name function, argument, expectation and value', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['empty', () => rocAuc([], []), /^rocAuc\(yTrue\): expected at least one element, received an empty array$/],
    [
      'length mismatch',
      () => averagePrecision([0, 1], [0.5]),
      /^averagePrecision\(yScore\): expected length 2 \(the length of yTrue\), received length 1$/,
    ],
    ['non-binary truth', () => rocAuc([0, 0.5], [0.1, 0.2]), /^rocAuc\(yTrue\): expected only 0 or 1, received 0.5 at index 1$/],
    ['NaN score', () => rocAuc([0, 1], [0.1, Number.NaN]), /^rocAuc\(yScore\): expected finite numbers, received NaN at index 1$/],
    [
      'infinite score',
      () => rocAuc([0, 1], [Number.POSITIVE_INFINITY, 1]),
      /^rocAuc\(yScore\): expected finite numbers, received Infinity at index 0$/,
    ],
    [
      'not an array',
      () => rocAuc('01' as unknown as number[], [1, 2]),
      /^rocAuc\(yTrue\): expected an array or typed array of numbers, received "01"$/,
    ],
    [
      'score not an array',
      () => rocAuc([0, 1], { length: 2 } as unknown as number[]),
      /^rocAuc\(yScore\): expected an array or typed array of numbers, received an object with keys \[length\]$/,
    ],
    [
      'brier out of range',
      () => brierScore([0, 1], [0.2, 1.2]),
      /^brierScore\(yProb\): expected probabilities in \[0, 1\], received 1.2 at index 1$/,
    ],
    ['brier NaN', () => brierScore([0, 1], [0.2, Number.NaN]), /^brierScore\(yProb\): expected finite numbers, received NaN at index 1$/],
  ];
  for (const [name, call, message] of cases) {
    test(name, () => assert.throws(call, (e: Error) => e.name === 'StatsArgumentError' && message.test(e.message)));
  }
});
