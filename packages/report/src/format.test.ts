import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MISSING, fixed, meanSd, pText } from './format.ts';

test('fixed prints decimals and an en dash for missing or non-finite numbers', () => {
  assert.equal(fixed(0.81234), '0.812');
  assert.equal(fixed(2, 1), '2.0');
  for (const x of [Number.NaN, Number.POSITIVE_INFINITY, null, undefined]) assert.equal(fixed(x), MISSING);
});

test('pText prints p as the verdicts do, a dash when missing; meanSd prints mean ± sd or a dash', () => {
  assert.equal(pText(0.03612), '0.036');
  assert.equal(pText(0.00001), '< 0.001');
  assert.equal(pText(Number.NaN), MISSING);
  assert.equal(meanSd({ mean: 0.82, sd: 0.01 }), '0.820 ± 0.010');
  assert.equal(meanSd({ mean: 0.82, sd: Number.NaN }), '0.820 ± –');
  assert.equal(meanSd(null), MISSING);
});
