import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectClose } from './expect-close.ts';

test('expectClose passes within tolerance and fails outside it with the index named', () => {
  expectClose(0.1 + 0.2, 0.3, 1e-12);
  expectClose([1, 2, Number.NaN], [1, 2 + 1e-10, Number.NaN], 1e-9);
  assert.throws(() => expectClose([1, 2], [1, 2.1], 1e-3, 'auc'), /auc\[1\]: 2 != expected 2.1/);
  assert.throws(() => expectClose(Number.NaN, 1), /NaN != expected 1/);
  assert.throws(() => expectClose([1], [1, 2]), /length 1 != expected 2/);
});
