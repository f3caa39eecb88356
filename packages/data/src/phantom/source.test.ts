import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePhantomSource, PHANTOM_SOURCE_LESIONS, PHANTOM_SOURCE_SPEC, PHANTOM_SOURCE_TARGETS } from './source.ts';
import { PHANTOM_LABELS } from './spec.ts';
import { planPhantomDataset } from './plan.ts';
import { renderPhantom } from './render.ts';

describe('generatePhantomSource', () => {
  const src = generatePhantomSource({ n: 40, size: 32, seed: 0 });

  test('returns n images and n target rows in the documented layout', () => {
    assert.equal(src.images.length, 40 * 32 * 32);
    assert.equal(PHANTOM_SOURCE_TARGETS.length, 28);
    assert.equal(src.targets.length, 40 * 28);
    assert.equal(src.targetNames[0], `present:${PHANTOM_SOURCE_LESIONS[0]}`);
    assert.equal(src.targetNames[3], 'present:cardiac device');
    assert.equal(src.targetNames[4], 'regress:heart width / thorax');
    assert.equal(src.targetNames[27], 'regress:inspiration');
    assert.ok(src.targets.every((v) => v >= 0 && v <= 1));
    assert.ok(src.images.every((v) => v >= 0 && v <= 1));
  });

  test('each source lesion is in about 30 % of images and none of the target findings is drawn', () => {
    for (let k = 0; k < PHANTOM_SOURCE_LESIONS.length; k++) {
      let present = 0;
      for (let i = 0; i < src.n; i++) {
        const v = src.targets[i * 28 + k]!;
        assert.ok(v === 0 || v === 1, `presence ${v}`);
        present += v;
      }
      // 40 images x 30 % = 12 expected; binomial sd 2.9
      assert.ok(present >= 3 && present <= 22, `${PHANTOM_SOURCE_LESIONS[k]}: ${present} of 40`);
    }
    for (const label of PHANTOM_LABELS) assert.equal(PHANTOM_SOURCE_SPEC.prevalence[label], 0, label);
  });

  test('each source lesion visibly changes the image it is drawn in', () => {
    const params = planPhantomDataset({ images: 1, seed: 0, spec: PHANTOM_SOURCE_SPEC, stream: 'phantom-source' }).rows[0]!.params;
    const none = { nodules: [], consolidation: null, pneumothorax: null, device: null };
    const plain = renderPhantom({ ...params, sourceLesions: none }, 32);
    const y = params.anatomy.lungTop + 0.35;
    const cases = {
      nodule: { ...none, nodules: [{ x: params.anatomy.lungCenterX, y, r: 0.08 }] },
      consolidation: { ...none, consolidation: { x: -params.anatomy.lungCenterX, y, rx: 0.15, ry: 0.15, density: 0.3 } },
      pneumothorax: { ...none, pneumothorax: { side: 1 as const, depth: 0.4 } },
      'cardiac device': { ...none, device: { x: 0.35, y: params.anatomy.lungTop + 0.1 } },
    };
    for (const [name, lesions] of Object.entries(cases)) {
      const img = renderPhantom({ ...params, sourceLesions: lesions }, 32);
      // sum of absolute pixel changes; quantum noise is seeded per image, so it cancels
      const change = img.reduce((acc, v, i) => acc + Math.abs(v - plain[i]!), 0);
      assert.ok(change > 1, `${name}: total change ${change}`);
    }
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
