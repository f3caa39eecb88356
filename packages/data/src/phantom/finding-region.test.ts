// findingRegion against the rendered images themselves: every pixel a finding changes (render with
// and without it, same noise seed) lies inside its mask, and the mask is not much wider.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DataArgumentError } from '../errors.ts';
import { createRng } from '../random/index.ts';
import { findingRegion } from './finding-region.ts';
import { withFindingSide, withoutFinding } from './moved-finding.ts';
import { samplePatientAnatomy, samplePose, type PhantomParams } from './params.ts';
import { renderPhantom } from './render.ts';
import { PHANTOM_LABELS, type PhantomLabel } from './spec.ts';

const SIZE = 48;

function params(seed: number, label: PhantomLabel, side: -1 | 0 | 1): PhantomParams {
  const rng = createRng(seed, 'finding-region-test');
  return {
    projection: 'PA',
    anatomy: samplePatientAnatomy(rng, 'F'),
    pose: samplePose(rng),
    exposure: { contrast: 1.3, gain: 0.95, offset: 0.04, noiseSd: 0.015 },
    marker: { letter: 'R', corner: 1 },
    findings: { [label]: { severity: 0.6, side, u: 0.4, v: 0.5 } },
    noiseSeed: 777,
  };
}

/** Pixels whose intensity moves by more than `eps` when `label` is removed. */
function changed(p: PhantomParams, label: PhantomLabel, eps: number): Uint8Array {
  const a = renderPhantom(p, SIZE);
  const b = renderPhantom(withoutFinding(p, label), SIZE);
  return a.map((v, i) => (Math.abs(v - b[i]!) > eps ? 1 : 0)) as unknown as Uint8Array;
}

const count = (m: ArrayLike<number>): number => Array.from(m).reduce((s, v) => s + (v ? 1 : 0), 0);

describe('findingRegion', () => {
  for (const label of PHANTOM_LABELS.filter((l) => l !== 'unchanged')) {
    test(`${label}: the mask covers every pixel the finding changes, and mostly only those`, () => {
      for (const seed of [1, 2]) {
        const p = params(seed, label, seed === 1 ? 1 : -1);
        const mask = findingRegion(p, label, SIZE);
        // 0.01 of intensity needs an attenuation change of at least 0.01 / (gain * contrast) = 0.008 > 0.005.
        const big = changed(p, label, 0.01);
        assert.ok(count(big) > 0, 'the finding changes the image');
        for (let i = 0; i < big.length; i++) if (big[i]) assert.equal(mask[i], 1, `pixel ${i} changed but is outside the mask`);
        const faint = changed(p, label, 0.001);
        let inMaskChanged = 0;
        for (let i = 0; i < mask.length; i++) if (mask[i] && faint[i]) inMaskChanged++;
        assert.ok(inMaskChanged / count(mask) > 0.9, `${inMaskChanged} of ${count(mask)} mask pixels change visibly`);
      }
    });
  }

  test('a lateralised finding moves its region to the other side of the image', () => {
    const right = params(3, 'pleural effusion', 1);
    const left = withFindingSide(right, 'pleural effusion', -1);
    // Pose shift and rotation put a few pixels of the medial edge across the image's midline.
    const share = (m: Uint8Array): number => {
      let r = 0;
      for (let i = 0; i < m.length; i++) if (m[i] && i % SIZE >= SIZE / 2) r++;
      return r / count(m);
    };
    assert.ok(share(findingRegion(right, 'pleural effusion', SIZE)) > 0.8);
    assert.ok(share(findingRegion(left, 'pleural effusion', SIZE)) < 0.2);
  });

  test("'unchanged' and lateral views have an empty region", () => {
    assert.equal(count(findingRegion(params(4, 'unchanged', 0), 'unchanged', SIZE)), 0);
    assert.equal(count(findingRegion({ ...params(4, 'pleural effusion', 0), projection: 'L' }, 'pleural effusion', SIZE)), 0);
  });

  test('refuses an absent finding, a bad size and a bad threshold', () => {
    const p = params(5, 'cardiomegaly', 0);
    const isArg = (pattern: RegExp) => (e: unknown) => e instanceof DataArgumentError && pattern.test(e.message);
    assert.throws(() => findingRegion(p, 'scoliosis', SIZE), isArg(/findingRegion.*label.*present.*cardiomegaly.*scoliosis/));
    assert.throws(() => findingRegion(p, 'cardiomegaly', 8), isArg(/findingRegion.*size.*\[16, 2048\].*8/));
    assert.throws(() => findingRegion(p, 'cardiomegaly', SIZE, { threshold: 0 }), isArg(/findingRegion.*threshold.*positive/));
    assert.throws(() => findingRegion(p, 'cardiomegaly', SIZE, { threshold: Number.NaN }), isArg(/threshold/));
  });
});
