import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stableJson } from '../stable-json.ts';
import { formatP } from './format-p.ts';
import { higherIsBetter } from './metric-direction.ts';
import { runCounts } from './run-counts.ts';
import { summarizeMetric } from './summarize-metric.ts';

test('higherIsBetter: scores up, errors and losses down', () => {
  for (const m of ['macro_auc_roc', 'macro_pr_auc', 'lrap', 'f1']) assert.equal(higherIsBetter(m), true, m);
  for (const m of ['brier', 'loss', 'hamming_loss', 'ece', 'val_loss', 'label_brier']) assert.equal(higherIsBetter(m), false, m);
});

test('formatP: three decimals, < 0.001 below, n/a for NaN', () => {
  assert.deepEqual([0.0123, 0.6, 0.001, 0.00099, NaN].map(formatP), ['0.012', '0.600', '0.001', '< 0.001', 'n/a']);
});

test('summarizeMetric: null for none, NaN sd for one, sample sd from two', () => {
  assert.equal(summarizeMetric([], []), null);
  const one = summarizeMetric([0.5], [7])!;
  assert.deepEqual([one.n, one.mean, one.seeds], [1, 0.5, [7]]);
  assert.ok(Number.isNaN(one.sd));
  // sd of [1, 2, 3] with n - 1 is exactly 1.
  assert.deepEqual(summarizeMetric([1, 2, 3], [1, 2, 3]), { n: 3, mean: 2, sd: 1, values: [1, 2, 3], seeds: [1, 2, 3] });
});

test('runCounts: every status, zero when absent', () => {
  assert.deepEqual(runCounts([{ status: 'done' }, { status: 'failed' }, { status: 'done' }]), {
    pending: 0,
    running: 0,
    done: 2,
    failed: 1,
  });
});

test('stableJson: sorted keys at every depth, NaN as null, trailing newline', () => {
  assert.equal(
    stableJson({ b: 1, a: [NaN, { d: 1, c: 2 }] }),
    '{\n  "a": [\n    null,\n    {\n      "c": 2,\n      "d": 1\n    }\n  ],\n  "b": 1\n}\n',
  );
});
