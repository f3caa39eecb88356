import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { createRng } from '../random/index.ts';
import { THESIS_AUGMENT } from './augment.ts';
import { IMAGENET_MEAN, IMAGENET_STD, epochSteps, evalBatches, trainBatches, type Batch, type PipelineConfig } from './batches.ts';
import { createMemoryImageCache } from './image-cache.ts';

await tf.setBackend('cpu');

const size = 8;
const area = size * size;
const count = 20;
const rng = createRng(1, 'test/pixels');
const pixels = Uint8Array.from({ length: count * area }, () => rng.nextUint32() & 255);
const cache = createMemoryImageCache(size, pixels);
const targets = Array.from({ length: count }, (_, i) => Float32Array.from([i % 3 === 0 ? 1 : 0, i % 2, 0]));
const masks = Array.from({ length: count }, (_, i) => Float32Array.from([1, i === 4 ? 0 : 1, 1]));
const indices = Array.from({ length: 18 }, (_, i) => i + 1); // a split that is not the whole cache
const full: PipelineConfig = {
  batchSize: 5,
  channels: 3,
  normalization: 'imagenet',
  augment: { ...THESIS_AUGMENT },
  mixup: { alpha: 0.4, p: 0.3 },
  cutmix: { p: 0.3 },
  oversample: { maxRepeats: 2 },
};

/** No augmentation, mixing or oversampling, unit scale, one channel: batches hold the cached pixels / 255. */
const plain: PipelineConfig = { ...full, augment: null, mixup: null, cutmix: null, oversample: null, normalization: 'unit', channels: 1 };

/** All batches of an iterator as plain arrays; disposes the tensors. */
function collect(batches: Iterable<Batch>) {
  const out: { xs: Float32Array; ys: number[][]; mask: number[][] | null; indices: number[]; shape: number[] }[] = [];
  for (const b of batches) {
    out.push({
      xs: b.xs.dataSync() as Float32Array,
      ys: b.ys.arraySync(),
      mask: b.mask ? b.mask.arraySync() : null,
      indices: b.indices,
      shape: b.xs.shape,
    });
    tf.dispose([b.xs, b.ys, ...(b.mask ? [b.mask] : [])]);
  }
  return out;
}

describe('evalBatches', () => {
  test('keeps the given order, normalises with ImageNet statistics and replicates the gray channel', () => {
    const batches = collect(evalBatches({ cache, indices, targets, batchSize: 8, channels: 3, normalization: 'imagenet' }));
    assert.deepEqual(
      batches.map((b) => b.shape),
      [
        [8, 8, 8, 3],
        [8, 8, 8, 3],
        [2, 8, 8, 3],
      ],
    );
    assert.deepEqual(
      batches.flatMap((b) => b.indices),
      indices,
    );
    const first = batches[0]!;
    const g = pixels[1 * area + 5]! / 255; // sample 0 is record 1, pixel 5
    for (let c = 0; c < 3; c++) expectClose(first.xs[5 * 3 + c]!, (g - IMAGENET_MEAN[c]!) / IMAGENET_STD[c]!, 1e-5, `channel ${c}`);
    assert.deepEqual(first.ys[2], Array.from(targets[3]!));
    assert.equal(first.mask, null);
  });

  test("'unit' with one channel is the pixel / 255", () => {
    const [b] = collect(evalBatches({ cache, indices: [7], targets, batchSize: 4, channels: 1, normalization: 'unit' }));
    assert.deepEqual(b!.shape, [1, 8, 8, 1]);
    expectClose(
      b!.xs,
      Array.from(pixels.subarray(7 * area, 8 * area), (v) => v / 255),
      1e-6,
      'pixel',
    );
  });
});

describe('trainBatches', () => {
  test('the same (seed, epoch, config) gives identical batches; another epoch or seed differs', () => {
    const run = (seed: number, epoch: number) => collect(trainBatches({ cache, indices, targets, masks, config: full, seed, epoch }));
    const a = run(3, 1);
    const b = run(3, 1);
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      run(3, 2).map((x) => x.indices),
      a.map((x) => x.indices),
    );
    assert.notDeepEqual(run(4, 1)[0]!.xs, a[0]!.xs);
  });

  test('an epoch visits every index (oversampled ones up to the cap) in batches of batchSize', () => {
    const batches = collect(trainBatches({ cache, indices, targets, config: { ...full, mixup: null, cutmix: null }, seed: 1, epoch: 0 }));
    const seen = batches.flatMap((b) => b.indices);
    // Label 0 (i % 3 == 0) has 6 of 18 positives, label 1 (odd) 9 of 18: weight 1.5 rounds to 2.
    assert.equal(seen.length, 18 + 6);
    assert.deepEqual(
      [...new Set(seen)].sort((x, y) => x - y),
      indices,
    );
    assert.ok(batches.slice(0, -1).every((b) => b.indices.length === 5));
    assert.equal(batches.at(-1)!.indices.length, 24 - 20);
  });

  test('epochSteps is the number of batches an epoch yields, known before it starts (with and without oversampling)', () => {
    for (const oversample of [null, { maxRepeats: 2 }, { maxRepeats: 3 }]) {
      for (const batchSize of [1, 4, 5, 7, 24, 50]) {
        const config = { ...full, batchSize, oversample };
        const n = epochSteps({ indices, targets, config });
        for (const epoch of [0, 3]) {
          let yielded = 0;
          for (const b of trainBatches({ cache, indices, targets, config, seed: 9, epoch })) {
            yielded++;
            tf.dispose([b.xs, b.ys]);
          }
          assert.equal(n, yielded, `batchSize ${batchSize}, oversample ${JSON.stringify(oversample)}, epoch ${epoch}`);
        }
      }
    }
    assert.equal(epochSteps({ indices, targets, config: { batchSize: 5, oversample: null } }), 4); // 18 images
    assert.equal(epochSteps({ indices, targets, config: { batchSize: 5, oversample: { maxRepeats: 2 } } }), 5); // 24 images
    assert.throws(() => epochSteps({ indices, targets, config: { batchSize: 0, oversample: null } }), {
      name: 'DataArgumentError',
      message: 'epochSteps(batchSize): expected an integer >= 1, received 0',
    });
  });

  test('without augmentation or mixing, training batches hold the exact images in epoch order', () => {
    const [b] = collect(trainBatches({ cache, indices, targets, config: plain, seed: 2, epoch: 0 }));
    for (let s = 0; s < 5; s++) {
      const i = b!.indices[s]!;
      expectClose(
        b!.xs.subarray(s * area, (s + 1) * area),
        Array.from(pixels.subarray(i * area, (i + 1) * area), (v) => v / 255),
        1e-6,
      );
      assert.deepEqual(b!.ys[s], Array.from(targets[i]!));
    }
  });

  test('mirrored entries are flipped left-right; the order is the same stream drawn over positions', () => {
    const before = Uint8Array.from(pixels);
    const entries = [...indices, 3, 5]; // records 3 and 5 twice: plain and mirrored
    const mirrored = entries.map((_, p) => p >= indices.length);
    const flat = (bs: ReturnType<typeof collect>) => bs.flatMap((b) => b.indices);
    const withFlags = collect(trainBatches({ cache, indices: entries, targets, config: plain, seed: 2, epoch: 0, mirrored }));
    const without = collect(trainBatches({ cache, indices: entries, targets, config: plain, seed: 2, epoch: 0 }));
    assert.deepEqual(flat(withFlags), flat(without), 'same record order with and without flags');
    const image = (i: number, mirror: boolean) =>
      Array.from({ length: area }, (_, p) => {
        const [y, x] = [Math.floor(p / size), p % size];
        return pixels[i * area + y * size + (mirror ? size - 1 - x : x)]! / 255;
      });
    let seenMirrored = 0;
    for (const rec of [3, 5]) {
      const samples = withFlags
        .flatMap((b) => b.indices.map((i, s) => ({ i, xs: b.xs.subarray(s * area, (s + 1) * area) })))
        .filter((x) => x.i === rec);
      assert.equal(samples.length, 2);
      const isMirror = samples.map((x) => x.xs.every((v, p) => Math.abs(v - image(rec, true)[p]!) < 1e-6));
      const isPlain = samples.map((x) => x.xs.every((v, p) => Math.abs(v - image(rec, false)[p]!) < 1e-6));
      assert.deepEqual([...isMirror].sort(), [false, true], `record ${rec}: one copy mirrored`);
      assert.deepEqual([...isPlain].sort(), [false, true], `record ${rec}: one copy plain`);
      seenMirrored += isMirror.filter(Boolean).length;
    }
    assert.equal(seenMirrored, 2);
    assert.deepEqual(cache.image(3), before.subarray(3 * area, 4 * area), 'the cache is untouched: a mirrored copy is a copy');
    assert.throws(
      () => trainBatches({ cache, indices: entries, targets, config: plain, seed: 2, epoch: 0, mirrored: [true] }),
      /trainBatches\(mirrored\): expected one flag per index \(20\)/,
    );
  });

  test('masks follow their samples, and a mixed sample keeps a label only where both images have it', () => {
    let sawMixedMask = false;
    for (let epoch = 0; epoch < 4; epoch++) {
      const config: PipelineConfig = { ...full, mixup: null, cutmix: { p: 1 } };
      const batches = collect(trainBatches({ cache, indices, targets, masks, config, seed: 5, epoch }));
      for (const b of batches) {
        b.indices.forEach((i, s) => {
          const m = b.mask![s]!;
          assert.equal(m[0], 1);
          assert.equal(m[2], 1);
          if (i === 4) assert.equal(m[1], 0, 'record 4 ignores label 1');
          else if (m[1] === 0) sawMixedMask = true;
        });
      }
    }
    assert.ok(sawMixedMask, 'a partner of record 4 inherits its ignored label');
  });

  test('tf.memory() stays flat across epochs when the caller disposes the batches', () => {
    const before = tf.memory().numTensors;
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const b of trainBatches({ cache, indices, targets, masks, config: full, seed: 1, epoch })) tf.dispose([b.xs, b.ys, b.mask!]);
      assert.equal(tf.memory().numTensors, before, `after epoch ${epoch}`);
    }
    // Leaving an epoch early leaks nothing either: tensors are made only for yielded batches.
    for (const b of trainBatches({ cache, indices, targets, config: full, seed: 1, epoch: 0 })) {
      tf.dispose([b.xs, b.ys]);
      break;
    }
    assert.equal(tf.memory().numTensors, before);
  });

  test('invalid options throw before the first batch, naming the argument', () => {
    const make = (over: Partial<Parameters<typeof trainBatches>[0]>) => () =>
      trainBatches({ cache, indices, targets, config: full, seed: 1, epoch: 0, ...over });
    assert.throws(make({ config: { ...full, batchSize: 0 } }), {
      message: 'trainBatches(batchSize): expected an integer >= 1, received 0',
    });
    assert.throws(make({ config: { ...full, channels: 2 as 3 } }), { message: 'trainBatches(channels): expected 1 or 3, received 2' });
    assert.throws(make({ config: { ...full, normalization: 'z' as 'unit' } }), {
      message: `trainBatches(normalization): expected 'imagenet', 'unit' or 'samplewise', received "z"`,
    });
    assert.throws(make({ indices: [0, 20], targets: [...targets, Float32Array.from([0, 0, 0])] }), {
      message: "trainBatches(indices): expected indices below the cache's 20 images, received 20",
    });
    assert.throws(make({ masks: masks.map((m, i) => (i === 3 ? m.subarray(0, 2) : m)) }), {
      message: 'trainBatches(masks[3]): expected a Float32Array of length 3, received a Float32Array of length 2',
    });
    assert.throws(make({ config: { ...full, augment: { ...THESIS_AUGMENT, translate: 2 } } }), {
      message: 'trainBatches(augment.translate): expected a number in [0, 1], received 2',
    });
    assert.throws(make({ config: { ...full, cutmix: { p: 0.8 } } }), {
      name: 'DataArgumentError',
      message: /trainBatches\(mixup\.p \+ cutmix\.p\)/,
    });
    assert.throws(make({ cache: {} as never }), {
      message: 'trainBatches(cache): expected an ImageCache, received an object with keys []',
    });
    assert.throws(() => evalBatches({ cache, indices: [], targets, batchSize: 2, channels: 1, normalization: 'unit' }), {
      message: 'evalBatches(indices): expected a non-empty array of record indices, received an array of length 0',
    });
  });
});
