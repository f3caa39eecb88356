import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { epochImageCount, epochOrder, oversampleRepeats } from './epoch-order.ts';

const t = (...v: number[]) => Float32Array.from(v);

describe('oversampleRepeats', () => {
  test('the doc example: prevalences 0.75 and 0.25 give the rare positive round(3) capped at 2', () => {
    const targets = [t(1, 0), t(1, 0), t(1, 1), t(0, 0)];
    assert.deepEqual(oversampleRepeats({ indices: [0, 1, 2, 3], targets, maxRepeats: 2 }), [1, 1, 2, 1]);
    assert.deepEqual(oversampleRepeats({ indices: [0, 1, 2, 3], targets, maxRepeats: 5 }), [1, 1, 3, 1]);
  });

  test('prevalence is taken over the given indices only; labels without positives are ignored', () => {
    // Over [0..9]: label 0 has 5 positives, label 1 has 1 -> weight 5; label 2 has none.
    const targets = Array.from({ length: 12 }, (_, i) => t(i < 5 ? 1 : 0, i === 9 || i === 10 ? 1 : 0, 0));
    const indices = Array.from({ length: 10 }, (_, i) => i);
    const repeats = oversampleRepeats({ indices, targets, maxRepeats: 10 });
    assert.deepEqual(repeats, [1, 1, 1, 1, 1, 1, 1, 1, 1, 5]);
  });

  test('a bad maxRepeats throws', () => {
    assert.throws(() => oversampleRepeats({ indices: [0], targets: [t(1)], maxRepeats: 0 }), {
      name: 'DataArgumentError',
      message: 'oversampleRepeats(maxRepeats): expected an integer >= 1, received 0',
    });
  });
});

describe('epochOrder', () => {
  const targets = Array.from({ length: 50 }, (_, i) => t(i % 10 === 0 ? 1 : 0, i % 2));
  const indices = Array.from({ length: 50 }, (_, i) => i);

  test('is a permutation that depends only on (seed, epoch)', () => {
    const a = epochOrder({ indices, targets, seed: 3, epoch: 2 });
    assert.deepEqual(epochOrder({ indices, targets, seed: 3, epoch: 2 }), a);
    assert.notDeepEqual(epochOrder({ indices, targets, seed: 3, epoch: 3 }), a);
    assert.notDeepEqual(epochOrder({ indices, targets, seed: 4, epoch: 2 }), a);
    assert.deepEqual(
      a.slice().sort((x, y) => x - y),
      indices,
    );
    assert.notDeepEqual(a, indices);
  });

  test('oversampling repeats rare positives up to the cap, shuffled in with the rest', () => {
    // label 0: 5/50, label 1: 25/50 -> weight 5 for label-0 positives, capped at 3.
    const order = epochOrder({ indices, targets, seed: 1, epoch: 0, oversample: { maxRepeats: 3 } });
    assert.equal(order.length, 50 + 5 * 2);
    const counts = new Map<number, number>();
    for (const i of order) counts.set(i, (counts.get(i) ?? 0) + 1);
    for (const i of indices) assert.equal(counts.get(i), i % 10 === 0 ? 3 : 1, `repeats of ${i}`);
    assert.deepEqual(epochOrder({ indices, targets, seed: 1, epoch: 0, oversample: { maxRepeats: 3 } }), order);
    assert.notEqual(order.slice(-10).filter((i) => i % 10 === 0).length, 10, 'repeats are not appended at the end');
  });

  test('bad arguments throw naming the argument', () => {
    assert.throws(() => epochOrder({ indices: [], targets, seed: 1, epoch: 0 }), {
      message: 'epochOrder(indices): expected a non-empty array of record indices, received an array of length 0',
    });
    assert.throws(() => epochOrder({ indices: [0, 50], targets, seed: 1, epoch: 0 }), {
      message: 'epochOrder(indices): expected record indices in [0, 50), received 50',
    });
    assert.throws(() => epochOrder({ indices: [0, 1], targets: [t(1, 0), t(1)], seed: 1, epoch: 0 }), {
      message: 'epochOrder(targets[1]): expected a Float32Array of length 2, received a Float32Array of length 1',
    });
    assert.throws(() => epochOrder({ indices: [0], targets, seed: 1, epoch: -1 }), {
      message: 'epochOrder(epoch): expected an integer >= 0, received -1',
    });
    assert.throws(() => epochOrder({ indices: [0], targets, seed: -1, epoch: 0 }), {
      name: 'DataArgumentError',
      message: /createRng\(seed\)/,
    });
  });
});

describe('epochImageCount', () => {
  test('is the length of every epoch order, with and without oversampling', () => {
    const targets = [
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ].map((t) => Float32Array.from(t));
    const indices = [0, 1, 2, 3];
    for (const oversample of [null, { maxRepeats: 1 }, { maxRepeats: 2 }, { maxRepeats: 5 }]) {
      const n = epochImageCount({ indices, targets, oversample });
      for (const epoch of [0, 1, 7]) assert.equal(epochOrder({ indices, targets, seed: 3, epoch, oversample }).length, n);
    }
    assert.deepEqual(
      [null, { maxRepeats: 2 }, { maxRepeats: 5 }].map((oversample) => epochImageCount({ indices, targets, oversample })),
      [4, 5, 6],
    );
  });
});
