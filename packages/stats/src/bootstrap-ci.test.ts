import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { averagePrecision } from './average-precision.ts';
import { bootstrapCi } from './bootstrap-ci.ts';
import { rocAuc } from './roc-auc.ts';
import type { StatsProblem } from './types.ts';

// A deterministic synthetic label (no RNG needed): positives score higher on average.
const n = 600;
const yTrue = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
const yScore = Array.from({ length: n }, (_, i) => (((i * 7919) % 1000) / 1000) * 0.8 + (i % 5 === 0 ? 0.2 : 0));

describe('bootstrapCi', () => {
  test('seeded: same seed same interval, other seed other interval', () => {
    const a = bootstrapCi(yTrue, yScore, rocAuc, { seed: 1, b: 200 });
    const b = bootstrapCi(yTrue, yScore, rocAuc, { seed: 1, b: 200 });
    const c = bootstrapCi(yTrue, yScore, rocAuc, { seed: 2, b: 200 });
    assert.deepEqual(a, b);
    assert.notDeepEqual([a.lo, a.hi], [c.lo, c.hi]);
    assert.equal(a.estimate, rocAuc(yTrue, yScore));
    assert.ok(a.lo < a.estimate && a.estimate < a.hi, `${a.lo} < ${a.estimate} < ${a.hi}`);
    assert.deepEqual([a.b, a.level, a.skipped], [200, 0.95, 0]);
  });
  test('percentile CI of a mean matches the normal approximation mean +- 1.96 se', () => {
    // metric = mean score; for N = 600 the bootstrap CI is close to the t/normal interval.
    const meanScore = (_t: Float64Array, s: Float64Array) => s.reduce((x, y) => x + y, 0) / s.length;
    const r = bootstrapCi(yTrue, yScore, meanScore, { seed: 11, b: 2000 });
    const m = meanScore(new Float64Array(), Float64Array.from(yScore));
    const sd = Math.sqrt(yScore.reduce((acc, s) => acc + (s - m) ** 2, 0) / n);
    const se = sd / Math.sqrt(n);
    assert.ok(Math.abs(r.lo - (m - 1.96 * se)) < 0.15 * 1.96 * se, `lo ${r.lo} vs ${m - 1.96 * se}`);
    assert.ok(Math.abs(r.hi - (m + 1.96 * se)) < 0.15 * 1.96 * se, `hi ${r.hi} vs ${m + 1.96 * se}`);
  });
  test('a narrower level gives a narrower interval', () => {
    const wide = bootstrapCi(yTrue, yScore, averagePrecision, { seed: 3, b: 300 });
    const narrow = bootstrapCi(yTrue, yScore, averagePrecision, { seed: 3, b: 300, level: 0.5 });
    assert.ok(narrow.hi - narrow.lo < wide.hi - wide.lo);
  });
  test('rare label: resamples without a positive are skipped and counted', () => {
    const y = Array.from({ length: 40 }, (_, i) => (i === 0 ? 1 : 0));
    const s = Array.from({ length: 40 }, (_, i) => i / 40);
    const r = bootstrapCi(y, s, rocAuc, { seed: 5, b: 400 });
    // P(no positive in 40 draws) = (39/40)^40 ~ 0.36
    assert.ok(r.skipped > 100 && r.skipped < 190, `skipped ${r.skipped}`);
    assert.ok(Number.isFinite(r.lo) && Number.isFinite(r.hi));
  });
  test('undefined full-sample metric: NaN interval with a reason', () => {
    const problems: StatsProblem[] = [];
    const r = bootstrapCi([0, 0, 0], [0.1, 0.2, 0.3], rocAuc, { seed: 1, b: 10, problems });
    assert.ok(Number.isNaN(r.estimate) && Number.isNaN(r.lo) && Number.isNaN(r.hi));
    assert.deepEqual(problems, [{ fn: 'bootstrapCi', reason: 'the metric is NaN on the full sample' }]);
  });
  test('every resample undefined: NaN interval with a reason', () => {
    const problems: StatsProblem[] = [];
    let calls = 0;
    const onlyFirst = () => (calls++ === 0 ? 0.5 : Number.NaN);
    const r = bootstrapCi([0, 1], [0.1, 0.2], onlyFirst, { seed: 1, b: 5, problems });
    assert.equal(r.skipped, 5);
    assert.ok(Number.isNaN(r.lo));
    assert.deepEqual(problems, [{ fn: 'bootstrapCi', reason: 'the metric was NaN on all 5 resamples' }]);
  });
  test('argument errors', () => {
    const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
    assert.throws(
      () => bootstrapCi(yTrue, yScore, 'auc' as never, { seed: 1 }),
      arg(/^bootstrapCi\(metric\): expected a function \(yTrue, yScore\) => number, received "auc"$/),
    );
    assert.throws(
      () => bootstrapCi(yTrue, yScore, rocAuc, undefined as never),
      arg(/^bootstrapCi\(options\): expected an object with a seed, received undefined$/),
    );
    assert.throws(
      () => bootstrapCi(yTrue, yScore, rocAuc, { seed: 1.5 }),
      arg(/^bootstrapCi\(options.seed\): expected an integer, received 1.5$/),
    );
    assert.throws(
      () => bootstrapCi(yTrue, yScore, rocAuc, { seed: 1, b: 0 }),
      arg(/^bootstrapCi\(options.b\): expected an integer >= 1, received 0$/),
    );
    assert.throws(
      () => bootstrapCi(yTrue, yScore, rocAuc, { seed: 1, level: 1 }),
      arg(/^bootstrapCi\(options.level\): expected a number in \(0, 1\), received 1$/),
    );
    assert.throws(
      () => bootstrapCi([0, 1], [0.5], rocAuc, { seed: 1 }),
      arg(/^bootstrapCi\(yScore\): expected length 2 \(the length of yTrue\), received length 1$/),
    );
  });
});
