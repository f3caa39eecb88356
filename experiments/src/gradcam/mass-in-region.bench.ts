/**
 * The localisation figure of the closing note: for a small CNN trained on the phantom at smoke size
 * (32 px, CNN-3), the mean fraction of each label's Grad-CAM mass that falls inside the region where
 * the phantom draws that finding (findingRegion), over held-out images where it is truly present.
 * A uniform map would score the region's share of the image; the table prints that too.
 *
 *   node --import tsx experiments/src/gradcam/mass-in-region.bench.ts [--images 800] [--epochs 8] [--seed 1]
 *
 * For a run of the sweep instead, `cxr gradcam --run ID` prints the same mean per label.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { findingRegion, PHANTOM_VISIBLE_LABELS, type PhantomLabel } from '@cxr/data';
import { gradCam, massInRegion } from '@cxr/models';
import { selectBackend } from '@cxr/train';
import { phantomCases } from './phantom-cases.ts';
import { trainTinyCnn } from './train-tiny-cnn.ts';

const SIZE = 32;
const { values } = parseArgs({
  options: { images: { type: 'string', default: '800' }, epochs: { type: 'string', default: '8' }, seed: { type: 'string', default: '1' } },
});
const images = Number(values.images);
const seed = Number(values.seed);
await selectBackend('wasm');
const labels = PHANTOM_VISIBLE_LABELS as readonly PhantomLabel[];
const started = performance.now();
const model = await trainTinyCnn(phantomCases({ images, size: SIZE, seed, labels }), { size: SIZE, seed, epochs: Number(values.epochs) });
const trainSeconds = (performance.now() - started) / 1000;
const heldOut = phantomCases({ images: Math.max(200, images / 4), size: SIZE, seed: seed + 1000, labels });
console.log(
  `CNN-3 at ${SIZE} px, ${images} planned images, ${values.epochs} epochs (${trainSeconds.toFixed(0)} s); held-out frontal images: ${heldOut.length}`,
);
console.log('label                            n   mass in region   region share of image   all-zero maps');
labels.forEach((label, k) => {
  const mass: number[] = [];
  const share: number[] = [];
  // An all-zero map (no location raises the score) has no mass to place; counted, not averaged.
  let zero = 0;
  for (const c of heldOut) {
    if (c.truth[k] !== 1) continue;
    const mask = findingRegion(c.params, label, SIZE);
    const x = tf.tensor4d(c.image, [1, SIZE, SIZE, 1]);
    const m = massInRegion(gradCam(model, x, k).map, mask);
    x.dispose();
    if (Number.isNaN(m)) {
      zero++;
      continue;
    }
    mass.push(m);
    share.push(mask.reduce((s, v) => s + v, 0) / mask.length);
  }
  const mean = (v: number[]): string => (v.length ? (v.reduce((s, a) => s + a, 0) / v.length).toFixed(3) : '-');
  console.log(
    `${label.padEnd(32)} ${String(mass.length).padStart(2)}   ${mean(mass).padStart(14)}   ${mean(share).padStart(21)}   ${String(zero).padStart(13)}`,
  );
});
model.dispose();
