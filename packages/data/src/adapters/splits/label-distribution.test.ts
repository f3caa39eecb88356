import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { labelDistribution, labelPairDistribution } from './label-distribution.ts';
import { labelPairCount, labelPairIndex, pairPositives } from './label-pairs.ts';

describe('labelPairDistribution (Szymanski & Kajdanowicz 2017, LPD)', () => {
  // Hand count. Pairs (0,1): D 3 of 6 -> 3/3 = 1; A = {0,1,2} 2/1 = 2, B = {3,4,5} 1/2 -> (1 + 0.5)/2 = 0.75.
  // (0,2): D 1/5 = 0.2; A 1/2, B 0 -> (0.3 + 0.2)/2 = 0.25. (1,2): D 2/4 = 0.5; A 2/1, B 0 -> (1.5 + 0.5)/2 = 1.
  // Label 3 is never positive, so its three pairs are absent and not averaged: LPD = (0.75 + 0.25 + 1)/3 = 2/3.
  const vectors = [
    [1, 1, 0, 0],
    [1, 1, 1, 0],
    [0, 1, 1, 0],
    [1, 0, 0, 0],
    [1, 1, 0, 0],
    [0, 0, 0, 0],
  ].map((v) => Float32Array.from(v));

  test('matches a hand-computed three-pair example', () => {
    expectClose(
      labelPairDistribution(vectors, [
        [0, 1, 2],
        [3, 4, 5],
      ]),
      2 / 3,
      1e-12,
    );
  });

  test('is 0 when every subset has the whole set ratio, and for vectors without pairs', () => {
    const twice = [...vectors, ...vectors];
    expectClose(
      labelPairDistribution(twice, [
        [0, 1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10, 11],
      ]),
      0,
      1e-12,
    );
    assert.equal(
      labelPairDistribution(
        [
          [1, 0],
          [0, 1],
        ],
        [[0], [1]],
      ),
      0,
    );
  });

  test('is Infinity when a subset is all positive on a pair the whole set is not', () => {
    assert.equal(
      labelPairDistribution(vectors, [
        [0, 1],
        [2, 3, 4, 5],
      ]),
      Infinity,
    );
  });
});

describe('labelDistribution (Sechidis et al. 2011, LD)', () => {
  test('matches a hand-computed example: (|2/2 - 3/5| + |1/3 - 3/5|) / 2 = 1/3', () => {
    const v = [1, 0, 1, 0, 1, 0, 0, 0].map((x) => Float32Array.of(x));
    expectClose(
      labelDistribution(v, [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ]),
      1 / 3,
      1e-12,
    );
  });

  test('bad subsets and vectors throw naming the argument', () => {
    const v = [Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(1)];
    assert.throws(() => labelDistribution(v, []), {
      message: 'labelDistribution(subsets): expected a non-empty array of index lists, received an array of length 0',
    });
    assert.throws(() => labelPairDistribution(v, [[0], []]), {
      message: 'labelPairDistribution(subsets[1]): expected a non-empty index list, received an array of length 0',
    });
    assert.throws(() => labelDistribution(v, [[0, 7]]), {
      message: 'labelDistribution(subsets[0]): expected indices in [0, 3), received 7',
    });
    assert.throws(() => labelDistribution(v, [[0], [2]]), {
      message: 'labelDistribution(labels[2]): expected length 2 like labels[0], received 1',
    });
  });
});

describe('label pairs', () => {
  test('labelPairIndex numbers the k(k-1)/2 pairs row by row without gaps', () => {
    const k = 5;
    const seen: number[] = [];
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) seen.push(labelPairIndex(a, b, k));
    assert.deepEqual(
      seen,
      Array.from({ length: labelPairCount(k) }, (_, i) => i),
    );
  });

  test('pairPositives counts the vectors positive on both labels', () => {
    assert.deepEqual([...pairPositives([Float32Array.of(1, 1, 0), Float32Array.of(1, 1, 1)], 3)], [2, 1, 1]);
  });
});
