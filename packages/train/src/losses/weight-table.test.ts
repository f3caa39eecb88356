import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { buildLoss, DEFAULT_LOSS } from './registry.ts';

describe('loss.weights: a per-label table over the computed weights (seed 000, Tables 2-3)', () => {
  const counts = { positives: [1, 3], totals: [4, 4] };
  test('named labels take the table value, the others keep the computed weight; absent = all computed', () => {
    const computed = buildLoss({ ...DEFAULT_LOSS }, counts).weights!;
    const tabled = buildLoss({ ...DEFAULT_LOSS, weights: { b: 4.3 } }, counts, ['a', 'b']).weights!;
    expectClose(Array.from(tabled), [computed[0]!, 4.3], 1e-6);
    assert.deepEqual(Array.from(buildLoss({ ...DEFAULT_LOSS, weights: null }, counts, ['a', 'b']).weights!), Array.from(computed));
    const pos = buildLoss({ ...DEFAULT_LOSS, name: 'pos-weight-bce', weights: { a: 2 } }, counts, ['a', 'b']).weights!;
    assert.equal(pos[0], 2);
  });

  test('a label the run does not have is refused, naming the key and the labels', () => {
    assert.throws(
      () => buildLoss({ ...DEFAULT_LOSS, weights: { Pleural: 2 } }, counts, ['a', 'b']),
      /buildLoss\(loss\.weights\.Pleural\): expected a label of the run \(a, b\), received "Pleural"/,
    );
  });
});
