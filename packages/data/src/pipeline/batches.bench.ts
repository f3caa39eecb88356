// Input pipeline throughput once the image cache exists: augmented 64x64x3 batches of 32 from an
// in-memory cache, per configuration the median images/s over several epochs, on one core (the
// pipeline is synchronous JS). Target (issue 4): >= 2,000 images/s, so the input never limits
// training. Run: npx tsx packages/data/src/pipeline/batches.bench.ts [--epochs=7] [--images=2048]
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random/index.ts';
import { THESIS_AUGMENT } from './augment.ts';
import { trainBatches, type PipelineConfig } from './batches.ts';
import { createMemoryImageCache } from './image-cache.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const epochs = arg('epochs', 7);
const count = arg('images', 2048);
const size = 64;
const labels = 10;

await tf.setBackend('cpu');
const rng = createRng(1, 'bench/pixels');
const pixels = new Uint8Array(count * size * size);
for (let i = 0; i < pixels.length; i++) pixels[i] = rng.nextUint32() & 255;
const cache = createMemoryImageCache(size, pixels);
const targets = Array.from({ length: count }, () => Float32Array.from({ length: labels }, () => (rng.next() < 0.1 ? 1 : 0)));
const indices = Array.from({ length: count }, (_, i) => i);

const base: PipelineConfig = {
  batchSize: 32,
  channels: 3,
  normalization: 'imagenet',
  augment: { ...THESIS_AUGMENT },
  mixup: null,
  cutmix: null,
  oversample: null,
};
const cases: [string, PipelineConfig][] = [
  ['no augmentation', { ...base, augment: null }],
  ['basic augmentation', base],
  ['basic + MixUp (alpha 0.4, p 0.5)', { ...base, mixup: { alpha: 0.4, p: 0.5 } }],
  ['basic + CutMix (p 0.5)', { ...base, cutmix: { p: 0.5 } }],
  [
    'basic + MixUp p 0.5 + CutMix p 0.5 + oversample 3',
    { ...base, mixup: { alpha: 0.4, p: 0.5 }, cutmix: { p: 0.5 }, oversample: { maxRepeats: 3 } },
  ],
];

console.log(`pipeline: ${count} images of ${size}x${size}x3, batches of 32, median of ${epochs} epochs (after one warm-up)`);
for (const [name, config] of cases) {
  const rates: number[] = [];
  for (let epoch = -1; epoch < epochs; epoch++) {
    const started = process.hrtime.bigint();
    let n = 0;
    for (const b of trainBatches({ cache, indices, targets, config, seed: 7, epoch: Math.max(epoch, 0) })) {
      n += b.indices.length;
      tf.dispose([b.xs, b.ys]);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (epoch >= 0) rates.push(n / seconds);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)]!;
  console.log(
    `  ${name.padEnd(52)} ${median.toFixed(0).padStart(7)} images/s  (min ${rates[0]!.toFixed(0)}, max ${rates.at(-1)!.toFixed(0)})`,
  );
}
