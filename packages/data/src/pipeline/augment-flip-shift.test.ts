import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { createRng } from '../random/index.ts';
import {
  AUGMENT_CONFIG_SCHEMA,
  THESIS_AUGMENT,
  augmentInto,
  checkAugmentConfig,
  sampleAugmentParams,
  type AugmentConfig,
} from './augment.ts';

// Seed 004's per-axis shifts and horizontal flip (optional keys; absent = the thesis' behaviour).
const size = 16;
const QUIET: AugmentConfig = { rotationDeg: 0, zoom: 0, translate: 0, brightness: 0, noise: 0, fill: 'constant' };
const ramp = Uint8Array.from({ length: size * size }, (_, i) => (i % size) * 10 + Math.floor(i / size));

describe('augment flip and per-axis shifts', () => {
  test('a flipped identity warp mirrors every row left-right', () => {
    const out = new Float32Array(size * size);
    const identity = { angle: 0, zoomX: 1, zoomY: 1, shiftX: 0, shiftY: 0, brightness: 0, flip: true };
    augmentInto(ramp, size, identity, QUIET, createRng(1, 'augment/0'), out, 0);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) expectClose(out[y * size + x]!, ramp[y * size + (size - 1 - x)]! / 255, 1e-6, 'mirrored pixel');
  });

  test('flip is drawn about half the time, only when asked, and leaves the other draws unchanged', () => {
    const config: AugmentConfig = { ...THESIS_AUGMENT, flip: true };
    const a = createRng(3, 'augment/0');
    const b = createRng(3, 'augment/0');
    let flips = 0;
    for (let i = 0; i < 400; i++) {
      const withFlip = sampleAugmentParams(a, config, 64);
      const plain = sampleAugmentParams(b, THESIS_AUGMENT, 64);
      if (i === 0) assert.equal(withFlip.angle, plain.angle);
      assert.equal(plain.flip, undefined);
      b.uniform(0, 1); // keep the two streams aligned: the flip is one extra draw
      if (withFlip.flip) flips++;
    }
    assert.ok(flips > 160 && flips < 240, `flips ${flips} of 400`);
  });

  test('translateX / translateY bound each axis on their own (seed 004: 0.1 and 0.05)', () => {
    const config: AugmentConfig = { ...QUIET, translate: 0.4, translateX: 0.1, translateY: 0.05 };
    const rng = createRng(5, 'augment/0');
    let maxX = 0;
    let maxY = 0;
    for (let i = 0; i < 500; i++) {
      const p = sampleAugmentParams(rng, config, 100);
      maxX = Math.max(maxX, Math.abs(p.shiftX));
      maxY = Math.max(maxY, Math.abs(p.shiftY));
    }
    assert.ok(maxX <= 10 && maxX > 9, `max |shiftX| ${maxX}`);
    assert.ok(maxY <= 5 && maxY > 4.5, `max |shiftY| ${maxY}`);
  });

  test('the schema accepts the new keys as optional; bad values are refused naming the key', () => {
    assert.equal(AUGMENT_CONFIG_SCHEMA.parse(QUIET).flip, undefined);
    assert.equal(AUGMENT_CONFIG_SCHEMA.parse({ ...QUIET, flip: true, translateX: 0.1 }).translateX, 0.1);
    assert.throws(() => checkAugmentConfig('f', { ...QUIET, translateX: -1 }), {
      message: 'f(augment.translateX): expected a number in [0, 1], received -1',
    });
    assert.throws(() => checkAugmentConfig('f', { ...QUIET, flip: 'yes' as unknown as boolean }), {
      message: 'f(augment.flip): expected a boolean, received "yes"',
    });
  });
});
