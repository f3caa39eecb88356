import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { bootstrapCi } from './bootstrap-ci.ts';
import { bootstrapPooledDelta } from './bootstrap-pooled-delta.ts';
import { rocAuc } from './roc-auc.ts';
import type { StatsProblem } from './types.ts';

// Three deterministic "seeds" scoring the same 500 test images (no RNG): shared signal, own noise.
const n = 500;
const yTrue = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0));
const seeds = [1, 2, 3].map((k) => yTrue.map((y, i) => (((i * (7919 + 104 * k)) % 1009) / 1009) * 0.8 + 0.25 * y));
const reference = 0.8;

describe('bootstrapPooledDelta', () => {
  test('estimate is mean AUC over seeds - reference; the interval holds it; same seed, same result', () => {
    const a = bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 4, b: 300 });
    const meanAuc = seeds.reduce((s, x) => s + rocAuc(yTrue, x), 0) / seeds.length;
    expectClose(a.estimate, meanAuc - reference, 1e-15, 'estimate');
    assert.ok(a.lo < a.estimate && a.estimate < a.hi, `${a.lo} < ${a.estimate} < ${a.hi}`);
    assert.deepEqual([a.b, a.level, a.skipped], [300, 0.95, 0]);
    assert.deepEqual(bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 4, b: 300 }), a);
    const other = bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 5, b: 300 });
    assert.notDeepEqual([other.lo, other.hi], [a.lo, a.hi]);
  });
  test('one seed: bootstrapCi of the metric shifted by the reference (same resamples, same percentile rule)', () => {
    const pooled = bootstrapPooledDelta(yTrue, [seeds[0]!], reference, rocAuc, { seed: 9, b: 200, level: 0.9 });
    const single = bootstrapCi(yTrue, seeds[0]!, rocAuc, { seed: 9, b: 200, level: 0.9 });
    expectClose(
      [pooled.estimate, pooled.lo, pooled.hi],
      [single.estimate - reference, single.lo - reference, single.hi - reference],
      1e-12,
      'shifted',
    );
  });
  test('every seed sees the same resampled images: seed scores shifted by a constant stay exactly that far apart', () => {
    const calls: number[] = [];
    const meanScore = (_t: Float64Array, s: Float64Array) => {
      const m = s.reduce((x, y) => x + y, 0) / s.length;
      calls.push(m);
      return m;
    };
    const base = seeds[0]!;
    bootstrapPooledDelta(yTrue, [base, base.map((s) => s + 1)], 0, meanScore, { seed: 2, b: 50 });
    assert.equal(calls.length, 2 * 51);
    for (let r = 0; r < calls.length; r += 2) expectClose(calls[r + 1]! - calls[r]!, 1, 1e-9, `resample ${r / 2}`);
  });
  test('a narrower level gives a narrower interval, and b defaults to 1000', () => {
    const wide = bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 1, b: 200 });
    const narrow = bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 1, b: 200, level: 0.5 });
    assert.ok(narrow.hi - narrow.lo < wide.hi - wide.lo);
    const small = [0, 1, 0, 1, 1, 0];
    assert.equal(bootstrapPooledDelta(small, [[0.1, 0.9, 0.3, 0.6, 0.8, 0.2]], 0.5, rocAuc, { seed: 1 }).b, 1000);
  });
  test('rare label: resamples where a seed has no positive are skipped and counted', () => {
    const y = Array.from({ length: 40 }, (_, i) => (i === 0 ? 1 : 0));
    const s = Array.from({ length: 40 }, (_, i) => 1 - i / 40);
    const r = bootstrapPooledDelta(y, [s, s], 0.9, rocAuc, { seed: 5, b: 400 });
    // P(no positive in 40 draws) = (39/40)^40 ~ 0.36
    assert.ok(r.skipped > 100 && r.skipped < 190, `skipped ${r.skipped}`);
    assert.ok(Number.isFinite(r.lo) && Number.isFinite(r.hi));
  });
  test('undefined full-sample metric, or every resample undefined: NaN with a reason', () => {
    const problems: StatsProblem[] = [];
    const r = bootstrapPooledDelta([0, 0, 0], [[0.1, 0.2, 0.3]], 0.8, rocAuc, { seed: 1, b: 10, problems });
    assert.ok(Number.isNaN(r.estimate) && Number.isNaN(r.lo) && Number.isNaN(r.hi));
    let calls = 0;
    const onlyFirst = () => (calls++ === 0 ? 0.5 : Number.NaN);
    const all = bootstrapPooledDelta([0, 1], [[0.1, 0.2]], 0, onlyFirst, { seed: 1, b: 5, problems });
    assert.equal(all.skipped, 5);
    assert.deepEqual(problems, [
      { fn: 'bootstrapPooledDelta', reason: 'the metric is NaN on the full sample for at least one seed' },
      { fn: 'bootstrapPooledDelta', reason: 'the metric was NaN on all 5 resamples' },
    ]);
  });
  test('argument errors', () => {
    const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
    const opts = { seed: 1, b: 10 };
    assert.throws(
      () => bootstrapPooledDelta(yTrue, [], reference, rocAuc, opts),
      arg(
        /^bootstrapPooledDelta\(scoresPerSeed\): expected a non-empty array of score arrays \(one per seed\), received an array of length 0$/,
      ),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, [seeds[0]!, [0.5]], reference, rocAuc, opts),
      arg(/^bootstrapPooledDelta\(scoresPerSeed\[1\]\): expected length 500 \(the length of yTrue\), received length 1$/),
    );
    assert.throws(
      () => bootstrapPooledDelta([0, 1], [[0.5, Number.POSITIVE_INFINITY]], reference, rocAuc, opts),
      arg(/^bootstrapPooledDelta\(scoresPerSeed\[0\]\): expected finite numbers, received Infinity at index 1$/),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, seeds, Number.NaN, rocAuc, opts),
      arg(/^bootstrapPooledDelta\(reference\): expected a finite number, received NaN$/),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, seeds, '0.8' as never, rocAuc, opts),
      arg(/^bootstrapPooledDelta\(reference\): expected a finite number, received "0.8"$/),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, seeds, reference, null as never, opts),
      arg(/^bootstrapPooledDelta\(metric\): expected a function \(yTrue, yScore\) => number, received null$/),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 0.5 }),
      arg(/^bootstrapPooledDelta\(options.seed\): expected an integer, received 0.5$/),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 1, b: -1 }),
      arg(/^bootstrapPooledDelta\(options.b\): expected an integer >= 1, received -1$/),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, { seed: 1, level: 0 }),
      arg(/^bootstrapPooledDelta\(options.level\): expected a number in \(0, 1\), received 0$/),
    );
    assert.throws(
      () => bootstrapPooledDelta(yTrue, seeds, reference, rocAuc, undefined as never),
      arg(/^bootstrapPooledDelta\(options\): expected an object with a seed, received undefined$/),
    );
  });
});
