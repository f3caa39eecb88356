import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PredictionSet } from '@cxr/results';
import { CliArgumentError } from '../cli/parse-seed.ts';
import { selectCases } from './select-cases.ts';

// Five test images, labels a, b, c. Rows 0, 1, 3 have a single positive; row 2 has two; row 4 none.
const set: PredictionSet = {
  split: 'test',
  labelNames: ['a', 'b', 'c'],
  rows: 5,
  cols: 3,
  // prettier-ignore
  probabilities: Float32Array.from([
    0.95, 0.1, 0.2,
    0.97, 0.1, 0.1,
    0.99, 0.99, 0.1,
    0.1, 0.92, 0.1,
    0.1, 0.1, 0.99,
  ]),
  // prettier-ignore
  labels: Float32Array.from([
    1, 0, 0,
    1, 0, 0,
    1, 1, 0,
    0, 1, 0,
    0, 0, 0,
  ]),
};

test('selectCases: single positive label, probability >= 0.9, highest first, N per label', () => {
  assert.deepEqual(
    selectCases(set).map((c) => [c.label, c.row]),
    [
      ['a', 1],
      ['a', 0],
      ['b', 3],
    ],
  );
  assert.deepEqual(
    selectCases(set, { perLabel: 1 }).map((c) => c.row),
    [1, 3],
  );
  assert.deepEqual(
    selectCases(set, { label: 'b' }).map((c) => [c.labelIndex, c.row]),
    [[1, 3]],
  );
  assert.deepEqual(
    selectCases(set, { minProbability: 0.96 }).map((c) => c.row),
    [1],
  );
  assert.ok(Math.abs(selectCases(set, { minProbability: 0.96 })[0]!.probability - 0.97) < 1e-6);
});

test('selectCases refuses an unknown label (listing them), an empty selection (saying what was tried) and bad options', () => {
  const refuses = (f: () => unknown, pattern: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof CliArgumentError && pattern.test(e.message));
  refuses(() => selectCases(set, { label: 'x' }), /--label "x" is not a label of this run; its labels: a, b, c/);
  refuses(
    () => selectCases(set, { minProbability: 0.99 }),
    /no test image with a single positive label reaches --min-prob 0.99: 3 of 5 images tried, the best probability seen was 0.970/,
  );
  refuses(() => selectCases(set, { label: 'c' }), /c as its only positive label.*0 of 5 images tried, none has one/);
  refuses(() => selectCases(set, { perLabel: 0 }), /--images must be an integer >= 1, received 0/);
  refuses(() => selectCases(set, { minProbability: 1.5 }), /--min-prob must be in \[0, 1\], received 1.5/);
});
