import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { balanceIndices, type BalanceConfig } from './balance.ts';

// 40 No Finding images, 20 of label 0, 6 of label 1, 2 of label 2 (one also label 0).
const rows: number[][] = [
  ...Array.from({ length: 40 }, () => [0, 0, 0]),
  ...Array.from({ length: 20 }, () => [1, 0, 0]),
  ...Array.from({ length: 6 }, () => [0, 1, 0]),
  [0, 0, 1],
  [1, 0, 1],
];
const targets = rows.map((r) => Float32Array.from(r));
const indices = rows.map((_, i) => i);
const config: BalanceConfig = { noFindingKeep: 0.25, duplicateBelow: 8, floor: 10 };
const positives = (idx: number[], j: number) => idx.filter((i) => targets[i]![j] === 1).length;
const noFinding = (idx: number[]) => idx.filter((i) => i < 40).length;

describe('balanceIndices (seed 000 undersampling and replication)', () => {
  test('keeps a quarter of No Finding in every split; only train replicates', () => {
    for (const purpose of ['val', 'test'] as const) {
      const out = balanceIndices({ indices, targets, config, seed: 1, purpose, epoch: 0 });
      assert.equal(noFinding(out), 10);
      assert.equal(out.length, 10 + 28);
    }
  });

  test('train: findings under duplicateBelow doubled, then under the floor topped up to it', () => {
    const out = balanceIndices({ indices, targets, config, seed: 1, purpose: 'train', epoch: 0 });
    assert.equal(noFinding(out), 10);
    // label 0: 21 >= 8, untouched by duplication, >= floor.
    assert.ok(positives(out, 0) >= 21);
    // label 1: 6 < 8 -> 12 >= floor 10.
    assert.equal(positives(out, 1), 12);
    // label 2: 2 -> 4 -> topped up to the floor 10.
    assert.equal(positives(out, 2), 10);
  });

  test('seeded: same (seed, purpose, epoch) same list; another seed or epoch another subset', () => {
    const a = balanceIndices({ indices, targets, config, seed: 1, purpose: 'train', epoch: 0 });
    assert.deepEqual(balanceIndices({ indices, targets, config, seed: 1, purpose: 'train', epoch: 0 }), a);
    assert.notDeepEqual(balanceIndices({ indices, targets, config, seed: 2, purpose: 'train', epoch: 0 }), a);
    assert.notDeepEqual(balanceIndices({ indices, targets, config, seed: 1, purpose: 'train', epoch: 1 }), a);
  });

  test('null steps are off; a bad config names the key', () => {
    const out = balanceIndices({
      indices,
      targets,
      config: { noFindingKeep: 1, duplicateBelow: null, floor: null },
      seed: 1,
      purpose: 'train',
      epoch: 0,
    });
    assert.deepEqual(out, indices);
    assert.throws(
      () =>
        balanceIndices({
          indices,
          targets,
          config: { noFindingKeep: 0, duplicateBelow: null, floor: null },
          seed: 1,
          purpose: 'train',
          epoch: 0,
        }),
      /balanceIndices\(config\): expected \{ noFindingKeep in \(0, 1\]/,
    );
  });
});
