import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { createRng } from '../random/index.ts';
import { epochSteps, trainBatches, type PipelineConfig } from './batches.ts';
import { epochImageCount, epochOrder } from './epoch-order.ts';
import { createMemoryImageCache } from './image-cache.ts';
import { samplingWeights, weightedDraw } from './weighted-sampling.ts';

const f32 = (rows: number[][]) => rows.map((r) => Float32Array.from(r));
// four images: label 0 on three of them, label 1 on one (which also has label 0), one without positives
const toy = f32([
  [1, 0],
  [1, 0],
  [1, 1],
  [0, 0],
]);

describe('samplingWeights', () => {
  test('max and mean of 1/count over positive labels; an image without positives weighs min 1/count', () => {
    // label weights 1/3 and 1. max: 1/3, 1/3, 1, 1/3 (sum 2); mean: 1/3, 1/3, 2/3, 1/3 (sum 5/3)
    const max = samplingWeights({ indices: [0, 1, 2, 3], targets: toy, combine: 'max' });
    [1 / 6, 1 / 6, 1 / 2, 1 / 6].forEach((p, i) => expectClose(max[i]!, p, 1e-12));
    const mean = samplingWeights({ indices: [0, 1, 2, 3], targets: toy, combine: 'mean' });
    [0.2, 0.2, 0.4, 0.2].forEach((p, i) => expectClose(mean[i]!, p, 1e-12));
  });

  test('counts only the given split, and weighs all images alike when none is positive', () => {
    const w = samplingWeights({ indices: [0, 3], targets: toy, combine: 'max' });
    [0.5, 0.5].forEach((p, i) => expectClose(w[i]!, p, 1e-12));
    const none = samplingWeights({ indices: [3, 3], targets: toy, combine: 'mean' });
    assert.deepEqual([...none], [0.5, 0.5]);
  });

  test('a bad combine is refused', () => {
    assert.throws(() => samplingWeights({ indices: [0], targets: toy, combine: 'sum' as 'max' }), {
      message: 'samplingWeights(combine): expected one of max, mean, received "sum"',
    });
  });
});

describe('weightedDraw', () => {
  // 12 images, one label each: label 0 on 8, label 1 on 3, label 2 on 1
  const labelOf = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2];
  const targets = labelOf.map((l) => Float32Array.from([0, 1, 2].map((j) => (j === l ? 1 : 0))));
  const indices = labelOf.map((_, i) => i);

  test('draw frequencies match the probabilities: each label about a third of 30,000 draws', () => {
    const n = 30_000;
    const draws = weightedDraw({ indices, targets, seed: 5, epoch: 0, weighted: { combine: 'max', samplesPerEpoch: n } });
    assert.equal(draws.length, n);
    const perImage = new Float64Array(12);
    for (const d of draws) perImage[d]!++;
    const p = samplingWeights({ indices, targets, combine: 'max' });
    // binomial sd of a frequency is at most sqrt(0.25 / 30000) = 0.0029; 0.012 is four of them
    p.forEach((q, i) => expectClose(perImage[i]! / n, q, 0.012));
    for (const label of [0, 1, 2]) {
      const share = draws.filter((d) => labelOf[d] === label).length / n;
      expectClose(share, 1 / 3, 0.012);
    }
  });

  test('is determined by (seed, epoch): same draws again and when resumed, other draws for another epoch or seed', () => {
    const weighted = { combine: 'mean' as const, samplesPerEpoch: null };
    const draw = (seed: number, epoch: number) => weightedDraw({ indices, targets, seed, epoch, weighted });
    const e2 = draw(1, 2);
    assert.equal(e2.length, indices.length, 'samplesPerEpoch null = the split size');
    assert.deepEqual(draw(1, 2), e2, 'a resumed run draws epoch 2 without having drawn epochs 0 and 1');
    assert.notDeepEqual(draw(1, 3), e2);
    assert.notDeepEqual(draw(2, 2), e2);
    assert.deepEqual(epochOrder({ indices, targets, seed: 1, epoch: 2, weighted }), e2, 'epochOrder hands weighted epochs to weightedDraw');
  });

  test('the epoch length is known up front: epochImageCount and epochSteps', () => {
    const weighted = { combine: 'max' as const, samplesPerEpoch: 50 };
    assert.equal(epochImageCount({ indices, targets, weighted }), 50);
    assert.equal(epochImageCount({ indices, targets, weighted: { combine: 'max', samplesPerEpoch: null } }), 12);
    assert.equal(epochSteps({ indices, targets, config: { batchSize: 16, oversample: null, weighted } }), 4);
  });

  test('trainBatches draws its samples from the weighted stream', async () => {
    await tf.setBackend('cpu');
    const size = 8;
    const rng = createRng(1, 'test/pixels');
    const cache = createMemoryImageCache(
      size,
      Uint8Array.from({ length: 12 * size * size }, () => rng.nextUint32() & 255),
    );
    const weighted = { combine: 'max' as const, samplesPerEpoch: 10 };
    const config: PipelineConfig = {
      batchSize: 4,
      channels: 1,
      normalization: 'unit',
      augment: null,
      mixup: null,
      cutmix: null,
      oversample: null,
      weighted,
    };
    const seen: number[] = [];
    for (const b of trainBatches({ cache, indices, targets, config, seed: 3, epoch: 1 })) {
      seen.push(...b.indices);
      tf.dispose([b.xs, b.ys]);
    }
    assert.deepEqual(seen, weightedDraw({ indices, targets, seed: 3, epoch: 1, weighted }));
  });

  test('oversampling together with weighted sampling, a bad epoch and a bad samplesPerEpoch are refused', () => {
    const weighted = { combine: 'max' as const, samplesPerEpoch: null };
    const both =
      'expected null when oversample is set (weighted random sampling replaces oversampling), received an object with keys [combine, samplesPerEpoch]';
    assert.throws(() => epochOrder({ indices, targets, seed: 1, epoch: 0, oversample: { maxRepeats: 2 }, weighted }), {
      message: `epochOrder(weighted): ${both}`,
    });
    assert.throws(() => epochImageCount({ indices, targets, oversample: { maxRepeats: 2 }, weighted }), {
      message: `epochImageCount(weighted): ${both}`,
    });
    assert.throws(() => weightedDraw({ indices, targets, seed: 1, epoch: -1, weighted }), {
      message: 'weightedDraw(epoch): expected an integer >= 0, received -1',
    });
    assert.throws(() => weightedDraw({ indices, targets, seed: 1, epoch: 0, weighted: { combine: 'max', samplesPerEpoch: 0 } }), {
      message: 'weightedDraw(weighted.samplesPerEpoch): expected an integer >= 1 or null, received 0',
    });
    assert.throws(() => weightedDraw({ indices: [], targets, seed: 1, epoch: 0, weighted }), {
      message: 'weightedDraw(indices): expected a non-empty array of record indices, received an array of length 0',
    });
  });
});
