import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { balanceIndices, balanceTrainingSplit, type BalanceConfig } from './balance.ts';

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

  test('balanceTrainingSplit: same entries as balanceIndices; with mirrorDuplicates only the duplicateBelow copies are mirrored', () => {
    const plain = balanceTrainingSplit({ indices, targets, config, seed: 1, epoch: 0 });
    assert.deepEqual(plain.indices, balanceIndices({ indices, targets, config, seed: 1, purpose: 'train', epoch: 0 }));
    assert.ok(plain.mirrored.every((m) => !m));
    const mirroredSplit = balanceTrainingSplit({ indices, targets, config: { ...config, mirrorDuplicates: true }, seed: 1, epoch: 0 });
    assert.deepEqual(mirroredSplit.indices, plain.indices, 'mirroring changes no index and no draw');
    assert.equal(mirroredSplit.mirrored.length, mirroredSplit.indices.length);
    const copies = mirroredSplit.indices.filter((_, p) => mirroredSplit.mirrored[p]);
    // label 1's 6 positives (6 < 8) and label 2's 2 are copied once each, mirrored; label 2's floor top-up (10 - 4) is plain
    assert.equal(copies.length, 6 + 2);
    assert.deepEqual(
      copies.slice().sort((a, b) => a - b),
      [60, 61, 62, 63, 64, 65, 66, 67],
    );
    const kept = balanceIndices({ indices, targets, config, seed: 1, purpose: 'val', epoch: 0 }).length;
    assert.ok(
      mirroredSplit.mirrored.slice(0, kept).every((m) => !m),
      'the kept originals come first, unmirrored',
    );
    assert.throws(
      () =>
        balanceTrainingSplit({ indices, targets, config: { ...config, mirrorDuplicates: 'yes' as unknown as boolean }, seed: 1, epoch: 0 }),
      /balanceTrainingSplit\(config\): expected .*mirrorDuplicates\?: boolean/,
    );
  });

  test('trainKeep undersamples after replication, per label name or No Finding, on train only; bad names are refused', () => {
    const labelNames = ['A', 'B', 'C'];
    const base = balanceTrainingSplit({ indices, targets, config, seed: 1, epoch: 0, labelNames });
    const cut = balanceTrainingSplit({
      indices,
      targets,
      config: { ...config, trainKeep: { 'No Finding': 0.5, A: 0.5 } },
      seed: 1,
      epoch: 0,
      labelNames,
    });
    assert.equal(noFinding(cut.indices), Math.round(noFinding(base.indices) * 0.5));
    assert.equal(positives(cut.indices, 0), Math.round(positives(base.indices, 0) * 0.5));
    assert.equal(cut.mirrored.length, cut.indices.length);
    assert.ok(
      cut.indices.every((i) => base.indices.includes(i)),
      'only drops',
    );
    const val = balanceIndices({ indices, targets, config: { ...config, trainKeep: { A: 0.5 } }, seed: 1, purpose: 'val', epoch: 0 });
    assert.deepEqual(val, balanceIndices({ indices, targets, config, seed: 1, purpose: 'val', epoch: 0 }));
    assert.throws(
      () => balanceTrainingSplit({ indices, targets, config: { ...config, trainKeep: { Z: 0.5 } }, seed: 1, epoch: 0, labelNames }),
      /balanceTrainingSplit\(config\.trainKeep\.Z\): expected a label of the run \(A, B, C\) or 'No Finding', received "Z"/,
    );
    assert.throws(
      () => balanceTrainingSplit({ indices, targets, config: { ...config, trainKeep: { A: 0.5 } }, seed: 1, epoch: 0 }),
      /balanceTrainingSplit\(labelNames\): expected the 3 label names of the targets/,
    );
  });
});
