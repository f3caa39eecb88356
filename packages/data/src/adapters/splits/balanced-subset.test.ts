import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRng } from '../../random/index.ts';
import { balancedSubset } from './balanced-subset.ts';

// 600 records, 4 labels with prevalences ~5 %, 20 %, 40 %, and label 3 = "No Finding" (none of the others).
const rng = createRng(11, 'test/subset');
const targets = Array.from({ length: 600 }, () => {
  const t = Float32Array.from([rng.next() < 0.05 ? 1 : 0, rng.next() < 0.2 ? 1 : 0, rng.next() < 0.4 ? 1 : 0, 0]);
  if (t[0] === 0 && t[1] === 0 && t[2] === 0) t[3] = 1;
  return t;
});
const positivesOf = (idx: number[], j: number) => idx.filter((i) => targets[i]![j] === 1).length;

describe('balancedSubset', () => {
  test('every label reaches perClass positives, a rare one keeps all it has', () => {
    const idx = balancedSubset(targets, { perClass: 40 }, 1);
    const rare = targets.filter((t) => t[0] === 1).length;
    assert.ok(rare < 40, `label 0 has ${rare} positives`);
    assert.equal(positivesOf(idx, 0), rare);
    for (const j of [1, 2, 3]) assert.ok(positivesOf(idx, j) >= 40, `label ${j}: ${positivesOf(idx, j)}`);
    assert.equal(positivesOf(idx, 3), 40, 'No Finding images come with no other label, so exactly perClass');
    assert.ok(idx.length <= 40 * 4);
    assert.deepEqual(
      idx,
      [...idx].sort((a, b) => a - b),
    );
    assert.equal(new Set(idx).size, idx.length);
  });

  test('the same seed draws the same subset; another seed another one', () => {
    assert.deepEqual(balancedSubset(targets, { perClass: 40 }, 1), balancedSubset(targets, { perClass: 40 }, 1));
    assert.notDeepEqual(balancedSubset(targets, { perClass: 40 }, 1), balancedSubset(targets, { perClass: 40 }, 2));
  });

  test('refuses a bad perClass and ragged targets, naming them', () => {
    assert.throws(() => balancedSubset(targets, { perClass: 0 }, 1), {
      message: 'balancedSubset(config.perClass): expected an integer >= 1, received 0',
    });
    assert.throws(() => balancedSubset([], { perClass: 3 }, 1), {
      message: 'balancedSubset(targets): expected at least one record, received 0',
    });
    assert.throws(() => balancedSubset([new Float32Array(2), new Float32Array(3)], { perClass: 3 }, 1), {
      message: /^balancedSubset\(targets\[1\]\): expected a Float32Array of length 2, received/,
    });
  });
});
