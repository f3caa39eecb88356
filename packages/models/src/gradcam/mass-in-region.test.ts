import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelArgumentError } from '../errors.ts';
import { massInRegion } from './mass-in-region.ts';
import { upsampleBilinear } from './upsample-bilinear.ts';

test('massInRegion: the fraction of the map inside the mask (hand-derived)', () => {
  assert.equal(massInRegion([1, 3], new Uint8Array([0, 1])), 0.75);
  assert.equal(massInRegion([0.5, 0.5, 0, 1], new Uint8Array([1, 1, 1, 0])), 0.5);
  assert.equal(massInRegion([2, 2], new Uint8Array([0, 0])), 0);
  assert.ok(Number.isNaN(massInRegion([0, 0], new Uint8Array([1, 0]))), 'no mass: NaN');
});

test('massInRegion refuses mismatched lengths and negative or non-finite values', () => {
  assert.throws(
    () => massInRegion([1, 2], new Uint8Array(3)),
    (e: unknown) => e instanceof ModelArgumentError && /massInRegion.*mask.*length 2.*3/.test(e.message),
  );
  assert.throws(() => massInRegion([1, -1], new Uint8Array(2)), /map\[1\].*>= 0/);
  assert.throws(() => massInRegion([Number.NaN], new Uint8Array(1)), /map\[0\]/);
  assert.throws(() => massInRegion([Infinity], new Uint8Array(1)), /map\[0\]/);
});

test('upsampleBilinear: half-pixel centres, clamped borders (values worked by hand)', () => {
  // 1x2 -> 1x4: source positions -0.25, 0.25, 0.75, 1.25 -> clamp 0, 0.25, 0.75, clamp 1.
  assert.deepEqual([...upsampleBilinear([0, 1], 1, 2, 1, 4)], [0, 0.25, 0.75, 1]);
  // 2x2 -> 4x4 corner stays, centre pixels interpolate both ways.
  const up = upsampleBilinear([0, 4, 8, 12], 2, 2, 4, 4);
  assert.equal(up[0], 0);
  assert.equal(up[15], 12);
  assert.equal(up[5], 0.75 * (0.75 * 0 + 0.25 * 4) + 0.25 * (0.75 * 8 + 0.25 * 12));
  assert.deepEqual([...upsampleBilinear([7], 1, 1, 2, 3)], [7, 7, 7, 7, 7, 7]);
});
