import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { createRng } from '../random/index.ts';
import { trainBatches, type PipelineConfig } from './batches.ts';
import { createMemoryImageCache } from './image-cache.ts';
import { checkMixConfig, planMixing } from './mixing.ts';

await tf.setBackend('cpu');

const size = 16;
const area = size * size;
// Even records are black with label [1, 0], odd ones white with label [0, 1]: the share of white
// pixels in a mixed image is then exactly the share the labels must give the partner.
const count = 8;
const pixels = new Uint8Array(count * area);
for (let i = 1; i < count; i += 2) pixels.fill(255, i * area, (i + 1) * area);
const cache = createMemoryImageCache(size, pixels);
const targets = Array.from({ length: count }, (_, i) => Float32Array.from(i % 2 ? [0, 1] : [1, 0]));
const indices = Array.from({ length: count }, (_, i) => i);
const base: PipelineConfig = {
  batchSize: 8,
  channels: 1,
  normalization: 'unit',
  augment: null,
  mixup: null,
  cutmix: null,
  oversample: null,
};

function firstBatch(config: PipelineConfig, epoch = 0) {
  const batch = trainBatches({ cache, indices, targets, config, seed: 11, epoch }).next().value!;
  const out = { xs: batch.xs.dataSync().slice(), ys: batch.ys.arraySync(), indices: batch.indices };
  tf.dispose([batch.xs, batch.ys]);
  return out;
}

describe('CutMix', () => {
  test('labels are mixed in exactly the proportion of the pasted area', () => {
    let mixedWithOther = 0;
    for (let epoch = 0; epoch < 5; epoch++) {
      const { xs, ys, indices: idx } = firstBatch({ ...base, cutmix: { p: 1 } }, epoch);
      for (let s = 0; s < idx.length; s++) {
        const own = idx[s]! % 2;
        let white = 0;
        for (let p = 0; p < area; p++) white += xs[s * area + p]!;
        const otherShare = own === 1 ? (area - white) / area : white / area;
        const labelOtherShare = own === 1 ? ys[s]![0]! : ys[s]![1]!;
        expectClose(labelOtherShare, otherShare, 1e-6, `epoch ${epoch} sample ${s}`);
        expectClose(ys[s]![0]! + ys[s]![1]!, 1, 1e-6);
        if (otherShare > 0 && otherShare < 1) mixedWithOther++;
      }
    }
    assert.ok(mixedWithOther > 5, `only ${mixedWithOther} samples got a partial box from an opposite image`);
  });

  test('boxes follow Yun et al.: side floor(size sqrt(1 - lambda)), clipped, lambda recomputed', () => {
    const plans = planMixing(createRng(3, 'mix/0'), 64, 32, null, { p: 1 });
    for (const plan of plans) {
      assert.equal(plan.kind, 'cutmix');
      if (plan.kind !== 'cutmix') continue;
      const { x0, y0, x1, y1 } = plan.box;
      assert.ok(x0 >= 0 && y0 >= 0 && x1 <= 32 && y1 <= 32 && x0 <= x1 && y0 <= y1);
      expectClose(plan.lambda, 1 - ((x1 - x0) * (y1 - y0)) / 1024, 1e-12);
    }
    assert.ok(
      plans.every((p, i) => p.kind !== 'none' && p.partner !== i),
      'nobody is its own partner',
    );
  });
});

describe('MixUp', () => {
  test('soft labels equal the pixel blend weight', () => {
    const { xs, ys, indices: idx } = firstBatch({ ...base, mixup: { alpha: 0.4, p: 1 } });
    let soft = 0;
    for (let s = 0; s < idx.length; s++) {
      const white = xs[s * area]!; // every pixel of the blend has the same value
      expectClose(xs[s * area + area - 1]!, white, 1e-6);
      expectClose(ys[s]![1]!, white, 1e-6, `sample ${s}: white share vs label`);
      if (ys[s]![1]! > 0.01 && ys[s]![1]! < 0.99) soft++;
    }
    assert.ok(soft > 0, 'some labels are soft');
  });

  test('lambda ~ Beta(0.4, 0.4): mean 0.5 and mostly near 0 or 1 (2,000 draws)', () => {
    const lambdas = planMixing(createRng(4, 'mix/0'), 2000, 8, { alpha: 0.4, p: 1 }, null).map((p) =>
      p.kind === 'mixup' ? p.lambda : Number.NaN,
    );
    expectClose(lambdas.reduce((a, b) => a + b, 0) / lambdas.length, 0.5, 0.03, 'mean');
    const extreme = lambdas.filter((l) => l < 0.1 || l > 0.9).length / lambdas.length;
    // P(lambda < 0.1) for Beta(0.4, 0.4) is 0.2397 (scipy 1.x stats.beta(0.4, 0.4).cdf(0.1)), times two sides.
    expectClose(extreme, 0.4795, 0.04, 'share of extreme lambdas');
  });
});

describe('planMixing', () => {
  test('probabilities split samples between CutMix, MixUp and none; a batch of one is never mixed', () => {
    const plans = planMixing(createRng(5, 'mix/0'), 4000, 8, { alpha: 0.4, p: 0.3 }, { p: 0.2 });
    const share = (kind: string) => plans.filter((p) => p.kind === kind).length / plans.length;
    expectClose(share('cutmix'), 0.2, 0.02);
    expectClose(share('mixup'), 0.3, 0.02);
    expectClose(share('none'), 0.5, 0.02);
    assert.deepEqual(planMixing(createRng(5, 'mix/0'), 1, 8, { alpha: 0.4, p: 1 }, null), [{ kind: 'none' }]);
  });

  test('checkMixConfig rejects bad alpha, p and a total above 1', () => {
    assert.throws(() => checkMixConfig('f', { alpha: 0, p: 0.5 }, null), {
      message: 'f(mixup.alpha): expected a finite number > 0, received 0',
    });
    assert.throws(() => checkMixConfig('f', { alpha: 0.4, p: 1.5 }, null), {
      message: 'f(mixup.p): expected a probability in [0, 1], received 1.5',
    });
    assert.throws(() => checkMixConfig('f', null, { p: -1 }), { message: 'f(cutmix.p): expected a probability in [0, 1], received -1' });
    assert.throws(() => checkMixConfig('f', { alpha: 0.4, p: 0.6 }, { p: 0.6 }), {
      message: 'f(mixup.p + cutmix.p): expected at most 1 (one mix per sample), received 1.2',
    });
  });
});
