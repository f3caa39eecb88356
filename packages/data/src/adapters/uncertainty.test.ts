import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNCERTAIN } from '../records.ts';
import { applyUncertaintyPolicy } from './uncertainty.ts';

const raw = Float32Array.of(1, UNCERTAIN, 0, UNCERTAIN);

test('U-Ones, U-Zeros and U-Ignore map the uncertain value as CheXpert defines them (001, 2.2.2)', () => {
  assert.deepEqual(applyUncertaintyPolicy(raw, 'ones'), { targets: Float32Array.of(1, 1, 0, 1), mask: Float32Array.of(1, 1, 1, 1) });
  assert.deepEqual(applyUncertaintyPolicy(raw, 'zeros'), { targets: Float32Array.of(1, 0, 0, 0), mask: Float32Array.of(1, 1, 1, 1) });
  assert.deepEqual(applyUncertaintyPolicy(raw, 'ignore'), { targets: Float32Array.of(1, 0, 0, 0), mask: Float32Array.of(1, 0, 1, 0) });
  assert.deepEqual(Array.from(raw), [1, UNCERTAIN, 0, UNCERTAIN], 'the input is left unchanged');
});

test('with U-Zeros, a vector left without positives gets No Finding = 1, per vector of a batch', () => {
  // two vectors of K = 3 (No Finding first): [0, -1, 0] has no positive after U-Zeros; [0, 1, -1] has one
  const batch = Float32Array.of(0, UNCERTAIN, 0, 0, 1, UNCERTAIN);
  const { targets } = applyUncertaintyPolicy(batch, 'zeros', { noFindingIndex: 0, numLabels: 3 });
  assert.deepEqual(Array.from(targets), [1, 0, 0, 0, 1, 0]);
  assert.deepEqual(Array.from(applyUncertaintyPolicy(batch, 'ones', { noFindingIndex: 0, numLabels: 3 }).targets), [0, 1, 0, 0, 1, 1]);
});

test('applyUncertaintyPolicy rejects unknown policies, foreign values and ill-fitting options', () => {
  assert.throws(() => applyUncertaintyPolicy(raw, 'half' as 'ones'), {
    message: 'applyUncertaintyPolicy(policy): expected one of ones, zeros, ignore, received "half"',
  });
  assert.throws(() => applyUncertaintyPolicy(Float32Array.of(2), 'ones'), {
    message: 'applyUncertaintyPolicy(labels[0]): expected UNCERTAIN (-1) or a value in [0, 1], received 2',
  });
  assert.throws(() => applyUncertaintyPolicy(raw, 'ones', { numLabels: 3 }), {
    message: 'applyUncertaintyPolicy(options.numLabels): expected a positive divisor of labels.length (4), received 3',
  });
  assert.throws(() => applyUncertaintyPolicy(raw, 'zeros', { noFindingIndex: 4 }), {
    message: 'applyUncertaintyPolicy(options.noFindingIndex): expected an integer in [0, 3], received 4',
  });
});
