import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../random/index.ts';
import { samplePatientAnatomy, type FindingInstance, type PhantomParams } from './params.ts';
import { renderPhantom } from './render.ts';
import { PHANTOM_LABELS, type PhantomLabel } from './spec.ts';

const SIZE = 64;

/** A centred, unrotated patient so image regions are known; fixed noise seed so only the finding differs. */
function baseParams(seed: number): PhantomParams {
  return {
    projection: 'PA',
    anatomy: samplePatientAnatomy(createRng(seed, 'render-test'), 'M'),
    pose: { dx: 0, dy: 0, scale: 1, rotation: 0, inspiration: 0 },
    exposure: { contrast: 1.3, gain: 0.95, offset: 0.04, noiseSd: 0.015 },
    marker: { letter: 'L', corner: 0 },
    findings: {},
    noiseSeed: 12345,
  };
}

/** Where each signature must be, in image coordinates x, y in [-1, 1] (+x = image right = patient left). */
const REGIONS: Record<Exclude<PhantomLabel, 'unchanged'>, (x: number, y: number) => boolean> = {
  cardiomegaly: (x, y) => Math.abs(x) < 0.65 && y > -0.15 && y < 0.65,
  'aortic elongation': (x, y) => x > -0.05 && x < 0.45 && y > -0.65 && y < 0.1,
  // Ribs leave the spine, so a bent spine also shifts the rib pattern; the spine column dominates.
  scoliosis: (x) => Math.abs(x) < 0.4,
  'costophrenic angle blunting': (x, y) => Math.abs(x) > 0.3 && y > 0.15 && y < 0.65,
  'air trapping': (x, y) => Math.abs(x) < 0.75 && y > -0.9 && y < 0.8,
  'pleural effusion': (x, y) => Math.abs(x) > 0.05 && y > 0 && y < 0.65,
  'interstitial pattern': (x, y) => Math.abs(x) > 0.05 && Math.abs(x) < 0.7 && y > -0.8 && y < 0.6,
  'vertebral degenerative changes': (x, y) => Math.abs(x) < 0.22 && y > -0.55,
  'laminar atelectasis': (x, y) => Math.abs(x) > 0.05 && Math.abs(x) < 0.7 && y > -0.1 && y < 0.55,
};

/** Share of the absolute pixel change inside the region, and the mean change inside it. */
function changeIn(a: Float32Array, b: Float32Array, inside: (x: number, y: number) => boolean): { share: number; meanInside: number } {
  let total = 0;
  let inSum = 0;
  let inCount = 0;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const d = Math.abs(a[y * SIZE + x]! - b[y * SIZE + x]!);
      total += d;
      if (inside(((x + 0.5) * 2) / SIZE - 1, ((y + 0.5) * 2) / SIZE - 1)) {
        inSum += d;
        inCount++;
      }
    }
  }
  return { share: total > 0 ? inSum / total : 0, meanInside: inSum / Math.max(1, inCount) };
}

describe('renderPhantom', () => {
  test('returns size^2 intensities in [0, 1], deterministic in its parameters', () => {
    const p = baseParams(1);
    const a = renderPhantom(p, SIZE);
    assert.equal(a.length, SIZE * SIZE);
    assert.ok(a.every((v) => v >= 0 && v <= 1));
    assert.deepEqual(renderPhantom(p, SIZE), a);
    assert.notDeepEqual(renderPhantom({ ...p, noiseSeed: 1 }, SIZE), a);
  });

  test('looks like a radiograph: lungs darker than mediastinum, air outside darkest, lead marker white', () => {
    const img = renderPhantom({ ...baseParams(2), exposure: { contrast: 1.3, gain: 0.95, offset: 0.04, noiseSd: 0 } }, SIZE);
    const at = (x: number, y: number) => img[Math.floor(((y + 1) / 2) * SIZE) * SIZE + Math.floor(((x + 1) / 2) * SIZE)]!;
    const lung = (at(-0.35, -0.1) + at(0.38, -0.2)) / 2;
    assert.ok(at(0, -0.1) > lung + 0.15, 'mediastinum brighter than lungs');
    assert.ok(at(0.08, 0.3) > lung + 0.15, 'heart brighter than lungs');
    assert.ok(at(-0.98, 0.95) < lung, 'air outside the body darkest');
    // Marker 'L' at the top-left corner: its first column is lead.
    const margin = Math.round(SIZE * 0.04);
    assert.equal(img[margin * SIZE + margin], 1);
  });

  for (const label of PHANTOM_LABELS.filter((l) => l !== 'unchanged') as Exclude<PhantomLabel, 'unchanged'>[]) {
    test(`'${label}' changes pixels where its signature belongs, more with severity`, () => {
      for (const seed of [3, 4]) {
        const p = baseParams(seed);
        const neg = renderPhantom(p, SIZE).slice();
        const with_ = (severity: number, side: FindingInstance['side'] = 0) =>
          renderPhantom({ ...p, findings: { [label]: { severity, side, u: 0.3, v: 0.5 } } }, SIZE).slice();
        const strong = changeIn(neg, with_(0.8), REGIONS[label]);
        const subtle = changeIn(neg, with_(0.1), REGIONS[label]);
        assert.ok(strong.share > 0.75, `${label}: ${(strong.share * 100).toFixed(0)} % of the change inside its region`);
        assert.ok(strong.meanInside > 0.004, `${label}: mean change ${strong.meanInside.toFixed(4)} inside its region`);
        assert.ok(subtle.meanInside > 0, `${label}: a subtle case still changes pixels`);
        assert.ok(strong.meanInside > subtle.meanInside, `${label}: stronger with severity`);
      }
    });
  }

  test('lateralised findings change the chosen side only', () => {
    const p = baseParams(5);
    const neg = renderPhantom(p, SIZE).slice();
    const left = renderPhantom({ ...p, findings: { 'pleural effusion': { severity: 0.7, side: -1, u: 0.5, v: 0.5 } } }, SIZE);
    assert.ok(changeIn(neg, left, (x) => x < 0).share > 0.95);
  });

  test("'unchanged' has no visual signature", () => {
    const p = baseParams(6);
    const neg = renderPhantom(p, SIZE).slice();
    assert.deepEqual(renderPhantom({ ...p, findings: { unchanged: { severity: 1, side: 0, u: 0.5, v: 0.5 } } }, SIZE), neg);
  });

  test('lateral view renders a different image of the same patient', () => {
    const p = baseParams(7);
    const lateral = renderPhantom({ ...p, projection: 'L' }, SIZE);
    assert.equal(lateral.length, SIZE * SIZE);
    assert.notDeepEqual(lateral, renderPhantom(p, SIZE));
  });

  test('rejects a bad size', () => {
    assert.throws(() => renderPhantom(baseParams(1), 8), { message: 'renderPhantom(size): expected an integer in [16, 2048], received 8' });
  });
});
