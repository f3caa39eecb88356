import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { evalBatches, trainBatches } from './batches.ts';
import { createMemoryImageCache } from './image-cache.ts';
import { MISSING_FEATURE, patientFeatures } from './patient-features.ts';

describe('patientFeatures (seed 000, section 2.3.4 codes)', () => {
  test('age / 100 clamped, F 1 / M 0, AP 1 / PA 0; missing values get the documented fill', () => {
    expectClose(Array.from(patientFeatures({ age: 58, sex: 'F', view: 'AP' }, ['age', 'sex', 'view'])), [0.58, 1, 1], 1e-6);
    assert.deepEqual(Array.from(patientFeatures({ age: 140, sex: 'M', view: 'PA' }, ['age', 'sex', 'view'])), [1, 0, 0]);
    assert.deepEqual(Array.from(patientFeatures({ view: 'L' }, ['view', 'age', 'sex'])), [
      MISSING_FEATURE,
      MISSING_FEATURE,
      MISSING_FEATURE,
    ]);
  });

  test('an unknown name is refused', () => {
    assert.throws(
      () => patientFeatures({ view: 'PA' }, ['height']),
      /patientFeatures\(names\): expected names from age, sex, view, received "height"/,
    );
  });
});

describe('batches carry the tabular input', () => {
  const size = 8;
  const cache = createMemoryImageCache(size, new Uint8Array(4 * size * size).fill(100));
  const targets = [0, 1, 0, 1].map((v) => Float32Array.of(v));
  const tabular = [0, 1, 2, 3].map((i) => Float32Array.of(i / 10, i % 2));
  const config = {
    batchSize: 4,
    channels: 1 as const,
    normalization: 'unit' as const,
    augment: null,
    mixup: null,
    cutmix: null,
    oversample: null,
  };

  test('train and eval batches give [b, F] features in the batch order', () => {
    for (const b of trainBatches({ cache, indices: [0, 1, 2, 3], targets, tabular, config, seed: 1, epoch: 0 })) {
      assert.deepEqual(b.tabular!.shape, [4, 2]);
      const rows = b.tabular!.arraySync();
      b.indices.forEach((idx, s) => expectClose(rows[s]!, Array.from(tabular[idx]!), 1e-6));
      tf.dispose([b.xs, b.ys, b.tabular!]);
    }
    const [e] = [...evalBatches({ cache, indices: [3, 0], targets, tabular, batchSize: 2, channels: 1, normalization: 'unit' })];
    expectClose(e!.tabular!.arraySync().flat(), [0.3, 1, 0, 0], 1e-6);
    tf.dispose([e!.xs, e!.ys, e!.tabular!]);
    const [plain] = [...evalBatches({ cache, indices: [0], targets, batchSize: 1, channels: 1, normalization: 'unit' })];
    assert.equal(plain!.tabular, undefined);
    tf.dispose([plain!.xs, plain!.ys]);
  });

  test('a record without features is refused', () => {
    assert.throws(
      () =>
        evalBatches({ cache, indices: [0, 1], targets, tabular: [tabular[0]!], batchSize: 2, channels: 1, normalization: 'unit' }).next(),
      /evalBatches\(tabular\[1\]\): expected a non-empty Float32Array of length 2, received undefined/,
    );
  });
});
