import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePhantomSource, PHANTOM_SOURCE_TARGETS, PHANTOM_VISIBLE_LABELS } from './source.ts';

describe('generatePhantomSource', () => {
  const src = generatePhantomSource({ n: 40, size: 32, seed: 0 });

  test('returns n images and n target rows in the documented layout', () => {
    assert.equal(src.images.length, 40 * 32 * 32);
    assert.equal(PHANTOM_SOURCE_TARGETS.length, 28);
    assert.equal(src.targets.length, 40 * 28);
    assert.equal(src.targetNames[0], `present:${PHANTOM_VISIBLE_LABELS[0]}`);
    assert.equal(src.targetNames[9], `severity:${PHANTOM_VISIBLE_LABELS[0]}`);
    assert.equal(src.targetNames[18], 'regress:heart width / thorax');
    assert.ok(src.targets.every((v) => v >= 0 && v <= 1));
    assert.ok(src.images.every((v) => v >= 0 && v <= 1));
  });

  test('findings are frequent and only at clear severities (0.35-1)', () => {
    let present = 0;
    for (let i = 0; i < src.n; i++) {
      for (let k = 0; k < 9; k++) {
        const p = src.targets[i * 28 + k]!;
        const s = src.targets[i * 28 + 9 + k]!;
        if (p === 1) {
          present++;
          assert.ok(s >= 0.35 && s <= 1, `severity ${s}`);
        } else assert.equal(s, 0);
      }
    }
    // 40 images x 9 findings x 20 % = 72 expected.
    assert.ok(present > 40 && present < 110, `${present} findings`);
  });

  test('is deterministic in its seed', () => {
    assert.deepEqual(generatePhantomSource({ n: 40, size: 32, seed: 0 }), src);
    assert.notDeepEqual(generatePhantomSource({ n: 40, size: 32, seed: 1 }).images, src.images);
  });

  test('bad arguments are named', () => {
    assert.throws(() => generatePhantomSource({ n: 0, size: 32, seed: 0 }), {
      message: 'generatePhantomSource(n): expected an integer >= 1, received 0',
    });
    assert.throws(
      () => generatePhantomSource({ n: 1, size: 4, seed: 0 }),
      /generatePhantomSource\(size\): expected an integer in \[16, 2048\], received 4/,
    );
    assert.throws(
      () => generatePhantomSource({ n: 1, size: 32, seed: -2 }),
      /generatePhantomSource\(seed\): expected a non-negative safe integer, received -2/,
    );
  });
});
