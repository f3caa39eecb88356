import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SeededDropout } from './seeded-dropout.ts';

before(async () => {
  await tf.setBackend('cpu');
});

function masks(seed: number | null, calls: number, noiseShape?: (number | null)[]): number[][] {
  const layer = new SeededDropout({ rate: 0.5, seed, noiseShape: noiseShape ?? null });
  const x = tf.ones([2, 4, 4, 3]);
  const out = Array.from({ length: calls }, () => tf.tidy(() => Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync())));
  x.dispose();
  return out;
}

describe('SeededDropout', () => {
  test('a fresh mask each call, the same sequence for the same seed', () => {
    const baseline = tf.memory().numTensors;
    const a = masks(5, 3);
    const b = masks(5, 3);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a[0], a[1]);
    assert.notDeepEqual(a[0], masks(6, 1)[0]);
    // inverted dropout: kept units are scaled by 1 / (1 - rate)
    assert.ok(a[0]!.every((v) => v === 0 || v === 2));
    assert.equal(tf.memory().numTensors, baseline);
  });

  test("noise shape (null, 1, 1, 1) drops whole samples (EfficientNet's drop-connect)", () => {
    for (const m of masks(1, 4, [null, 1, 1, 1])) {
      const per = [m.slice(0, 48), m.slice(48)];
      for (const s of per) assert.ok(s.every((v) => v === s[0]));
    }
  });

  test('identity outside training', () => {
    const layer = new SeededDropout({ rate: 0.9, seed: 1 });
    const y = tf.tidy(() => Array.from((layer.apply(tf.ones([3, 5])) as tf.Tensor).dataSync()));
    assert.ok(y.every((v) => v === 1));
  });
});
