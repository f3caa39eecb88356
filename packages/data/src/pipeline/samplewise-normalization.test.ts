import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { evalBatches, NORMALIZATIONS } from './batches.ts';
import { createMemoryImageCache } from './image-cache.ts';

await tf.setBackend('cpu');

describe("normalization 'samplewise' (seed 004: Keras samplewise_center + samplewise_std_normalization)", () => {
  test('each image is centred on its own mean and scaled by its own std + 1e-6', () => {
    // image 0: pixels 0, 51, 102, 153 (/255 = 0, 0.2, 0.4, 0.6): mean 0.3, population std sqrt(0.05)
    // image 1: flat, so it becomes 0 everywhere (std 0, divided by 1e-6 after centring)
    const cache = createMemoryImageCache(2, Uint8Array.from([0, 51, 102, 153, 77, 77, 77, 77]));
    const b = evalBatches({
      cache,
      indices: [0, 1],
      targets: [new Float32Array(1), new Float32Array(1)],
      batchSize: 2,
      channels: 3,
      normalization: 'samplewise',
    }).next().value!;
    try {
      const xs = b.xs.dataSync();
      const std = Math.sqrt(0.05) + 1e-6;
      const want = [0, 0.2, 0.4, 0.6].flatMap((v) => [(v - 0.3) / std, (v - 0.3) / std, (v - 0.3) / std]);
      expectClose(xs.slice(0, 12), want, 1e-5, 'image 0');
      expectClose(xs.slice(12), new Array(12).fill(0), 1e-6, 'flat image 1');
    } finally {
      tf.dispose([b.xs, b.ys]);
    }
  });

  test('is one of NORMALIZATIONS, so the run config accepts it', () => {
    assert.ok(NORMALIZATIONS.includes('samplewise'));
  });
});
