import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { createRng } from '../random/index.ts';
import { THESIS_AUGMENT, augmentInto, checkAugmentConfig, sampleAugmentParams, type AugmentConfig, type AugmentParams } from './augment.ts';

const size = 16;
const IDENTITY: AugmentParams = { angle: 0, zoomX: 1, zoomY: 1, shiftX: 0, shiftY: 0, brightness: 0 };
const QUIET: AugmentConfig = { rotationDeg: 0, zoom: 0, translate: 0, brightness: 0, noise: 0, fill: 'constant' };

/** A 16x16 image with pixel (x, y) = f(x, y). */
function image(f: (x: number, y: number) => number): Uint8Array {
  return Uint8Array.from({ length: size * size }, (_, i) => f(i % size, Math.floor(i / size)));
}

function run(src: Uint8Array, params: AugmentParams, config: AugmentConfig, seed = 1): Float32Array {
  const out = new Float32Array(size * size + 3);
  augmentInto(src, size, params, config, createRng(seed, 'augment/0'), out, 3);
  return out.subarray(3);
}

describe('augmentInto', () => {
  const ramp = image((x, y) => x * 10 + y);

  test('identity parameters copy the image as [0, 1] values at the offset', () => {
    expectClose(
      run(ramp, IDENTITY, QUIET),
      Array.from(ramp, (v) => v / 255),
      1e-6,
      'pixel',
    );
  });

  test('an integer shift moves pixels exactly; constant fill is black, reflect mirrors the edge', () => {
    const shifted = run(ramp, { ...IDENTITY, shiftX: 2 }, QUIET);
    for (let y = 0; y < size; y++) {
      expectClose(shifted[y * size + 5]!, ramp[y * size + 3]! / 255, 1e-6, 'shifted pixel');
      assert.equal(shifted[y * size + 1], 0);
    }
    const reflected = run(ramp, { ...IDENTITY, shiftX: 2 }, { ...QUIET, fill: 'reflect' });
    // Output x = 1 samples source x = -1, which reflects (d c b a | a b c d) to x = 0; x = 0 to x = 1.
    expectClose(reflected[1]!, ramp[0]! / 255, 1e-6);
    expectClose(reflected[0]!, ramp[1]! / 255, 1e-6);
  });

  test('a quarter turn about the centre maps rows onto columns', () => {
    const rot = run(ramp, { ...IDENTITY, angle: Math.PI / 2 }, QUIET);
    // Source = R(-90 deg) applied to (x - c, y - c): source x = c + (y - c), source y = c - (x - c).
    const c = (size - 1) / 2;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const sx = Math.round(c + (y - c));
        const sy = Math.round(c - (x - c));
        expectClose(rot[y * size + x]!, ramp[sy * size + sx]! / 255, 1e-5, `(${x},${y})`);
      }
    }
  });

  test('brightness shifts and clips to [0, 1]; noise stays within +/-noise and is seeded', () => {
    const mid = image(() => 128);
    expectClose(run(mid, { ...IDENTITY, brightness: 0.25 }, QUIET)[0]!, 128 / 255 + 0.25, 1e-6);
    assert.equal(
      run(
        image(() => 250),
        { ...IDENTITY, brightness: 0.4 },
        QUIET,
      )[0],
      1,
    );
    const noisy = run(mid, IDENTITY, { ...QUIET, noise: 0.05 });
    const deltas = Array.from(noisy, (v) => v - 128 / 255);
    assert.ok(
      deltas.every((d) => Math.abs(d) <= 0.05 + 1e-6),
      'noise within bounds',
    );
    assert.ok(Math.max(...deltas) > 0.04 && Math.min(...deltas) < -0.04, 'noise spans its range');
    expectClose(deltas.reduce((a, b) => a + b, 0) / deltas.length, 0, 0.006, 'noise mean');
    assert.deepEqual(run(mid, IDENTITY, { ...QUIET, noise: 0.05 }), noisy);
    assert.notDeepEqual(run(mid, IDENTITY, { ...QUIET, noise: 0.05 }, 2), noisy);
  });

  test('the thesis augmentation is deterministic per seed and never mirrors left and right', () => {
    // Bright left third: over many random augmentations, the mass must stay on the left. A
    // left-right flip in half the draws would balance the two sides.
    const left = image((x) => (x < 5 ? 255 : 0));
    const draw = (seed: number) => {
      const rng = createRng(seed, 'augment/0');
      const out = new Float32Array(size * size);
      augmentInto(
        left,
        size,
        sampleAugmentParams(rng, THESIS_AUGMENT, size),
        { ...THESIS_AUGMENT, noise: 0, brightness: 0, fill: 'constant' },
        rng,
        out,
        0,
      );
      return out;
    };
    assert.deepEqual(draw(5), draw(5));
    assert.notDeepEqual(draw(5), draw(6));
    let leftMass = 0;
    let rightMass = 0;
    let leftWins = 0;
    for (let seed = 0; seed < 200; seed++) {
      const out = draw(seed);
      let l = 0;
      let r = 0;
      for (let i = 0; i < out.length; i++) i % size < size / 2 ? (l += out[i]!) : (r += out[i]!);
      leftMass += l;
      rightMass += r;
      if (l > r) leftWins++;
    }
    assert.ok(leftMass > 2.5 * rightMass, `left ${leftMass} vs right ${rightMass}`);
    assert.equal(leftWins, 200, 'every single draw keeps the bright side on the left');
  });
});

describe('sampleAugmentParams', () => {
  test('draws stay inside the configured ranges', () => {
    const rng = createRng(9, 'augment/0');
    for (let i = 0; i < 500; i++) {
      const p = sampleAugmentParams(rng, THESIS_AUGMENT, 64);
      assert.ok(Math.abs(p.angle) <= Math.PI / 4);
      assert.ok(Math.abs(p.zoomX - 1) <= 0.1 && Math.abs(p.zoomY - 1) <= 0.1);
      assert.ok(Math.abs(p.shiftX) <= 6.4 && Math.abs(p.shiftY) <= 6.4);
      assert.ok(Math.abs(p.brightness) <= 0.4);
    }
  });
});

describe('checkAugmentConfig', () => {
  test('rejects out-of-range fields naming them', () => {
    assert.throws(() => checkAugmentConfig('f', { ...THESIS_AUGMENT, rotationDeg: 200 }), {
      message: 'f(augment.rotationDeg): expected a number in [0, 180], received 200',
    });
    assert.throws(() => checkAugmentConfig('f', { ...THESIS_AUGMENT, zoom: -0.1 }), {
      message: 'f(augment.zoom): expected a number in [0, 0.99], received -0.1',
    });
    assert.throws(() => checkAugmentConfig('f', { ...THESIS_AUGMENT, noise: Number.NaN }), {
      message: 'f(augment.noise): expected a number in [0, 1], received NaN',
    });
    assert.throws(() => checkAugmentConfig('f', { ...THESIS_AUGMENT, fill: 'wrap' as 'reflect' }), {
      message: `f(augment.fill): expected 'reflect' or 'constant', received "wrap"`,
    });
  });
});
