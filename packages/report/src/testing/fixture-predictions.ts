/**
 * The fixture's stored validation and test predictions: made-up images whose truth is shared by
 * every run of an experiment (one split, as the trainer's seeded patient split gives every seed),
 * and probabilities that separate the classes about as well as the run's planned per-label
 * AUC-ROC says. A fixed integer hash drives every value, so two builds store the same blobs.
 */
import type { PredictionSet } from '@cxr/results';
import { FIXTURE_LABELS } from './fixture-data.ts';

/** Images of the fixture's validation and test splits. */
export const FIXTURE_VAL_IMAGES = 48;
export const FIXTURE_TEST_IMAGES = 64;

/** Prevalence of each fixture label (FIXTURE_LABELS order). */
const PREVALENCE = [0.25, 0.2, 0.3] as const;

/** Test images of 'scoliosis' stored with truth code -1 (uncertain), which the clinical metrics must leave out. */
export const FIXTURE_UNCERTAIN_TEST_IMAGES = [5, 17] as const;

/** A uniform number in [0, 1) from a few integers (an integer hash, so no state is shared between calls). */
function unit(...keys: number[]): number {
  let h = 0x811c9dc5;
  for (const k of keys) {
    h = Math.imul(h ^ (k & 0xffff), 0x01000193);
    h = Math.imul(h ^ (k >>> 16), 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

function truthOf(split: 'val' | 'test', image: number, label: number): number {
  if (split === 'test' && label === 2 && (FIXTURE_UNCERTAIN_TEST_IMAGES as readonly number[]).includes(image)) return -1;
  return unit(split === 'val' ? 1 : 2, image, label) < PREVALENCE[label]! ? 1 : 0;
}

/**
 * One split's prediction set of a run: the run's per-label AUC sets how far positives' logits sit
 * above negatives' (separation 6 x (AUC - 0.5)), on top of noise drawn from (seed, level, split, image).
 *
 * @example fixturePredictions('test', 1, 3, [0.78, 0.74, 0.7]).rows // 64
 */
export function fixturePredictions(split: 'val' | 'test', seed: number, levelIndex: number, labelAuc: readonly number[]): PredictionSet {
  const rows = split === 'val' ? FIXTURE_VAL_IMAGES : FIXTURE_TEST_IMAGES;
  const cols = FIXTURE_LABELS.length;
  const probabilities = new Float32Array(rows * cols);
  const labels = new Float32Array(rows * cols);
  for (let n = 0; n < rows; n++) {
    for (let k = 0; k < cols; k++) {
      const y = truthOf(split, n, k);
      const noise = unit(seed, levelIndex, split === 'val' ? 1 : 2, n, k) + unit(seed, levelIndex, 7, n, k) - 1;
      const logit = -1.2 + (y === 1 ? 6 * (labelAuc[k]! - 0.5) : 0) + 2.5 * noise;
      labels[n * cols + k] = y;
      probabilities[n * cols + k] = 1 / (1 + Math.exp(-logit));
    }
  }
  return { split, labelNames: [...FIXTURE_LABELS], rows, cols, probabilities, labels };
}
