import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { CliArgumentError } from '../cli/parse-seed.ts';
import { heatmapColour } from './heatmap-colour.ts';
import { OVERLAY_MAX_ALPHA, overlayHeatmap } from './overlay-heatmap.ts';

test('heatmapColour: blue -> cyan -> green -> yellow -> red at 0, 1/4, 1/2, 3/4, 1; clamped', () => {
  assert.deepEqual(heatmapColour(0), [0, 0, 255]);
  assert.deepEqual(heatmapColour(0.25), [0, 255, 255]);
  assert.deepEqual(heatmapColour(0.5), [0, 255, 0]);
  assert.deepEqual(heatmapColour(0.75), [255, 255, 0]);
  assert.deepEqual(heatmapColour(1), [255, 0, 0]);
  assert.deepEqual(heatmapColour(-3), [0, 0, 255]);
  assert.deepEqual(heatmapColour(Number.NaN), [0, 0, 255]);
});

test('overlayHeatmap: a PNG whose pixels blend gray and colour by the map value', async () => {
  // 2x2: map 0 (image untouched), 1 (red at 60 %), 0.5 (green at 30 %), 0.
  const gray = [0.5, 0.5, 1, 0];
  const map = [0, 1, 0.5, 0];
  const png = await overlayHeatmap(gray, map, 2);
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([info.width, info.height, info.channels], [2, 2, 3]);
  const px = (i: number) => [...data.subarray(3 * i, 3 * i + 3)];
  const g = 127.5;
  assert.deepEqual(px(0), [128, 128, 128]);
  const a = OVERLAY_MAX_ALPHA;
  assert.deepEqual(px(1), [Math.round(g * (1 - a) + 255 * a), Math.round(g * (1 - a)), Math.round(g * (1 - a))]);
  assert.deepEqual(px(2), [Math.round(255 * (1 - a / 2)), Math.round(255 * (1 - a / 2) + (255 * a) / 2), Math.round(255 * (1 - a / 2))]);
  assert.deepEqual(px(3), [0, 0, 0]);
});

test('overlayHeatmap refuses a bad size and arrays of the wrong length', async () => {
  const refuses = (p: Promise<unknown>, pattern: RegExp) =>
    assert.rejects(p, (e: unknown) => e instanceof CliArgumentError && pattern.test(e.message));
  await refuses(overlayHeatmap([0], [0], 0), /overlayHeatmap.*size.*positive integer/);
  await refuses(overlayHeatmap([0, 0, 0], [0, 0, 0, 0], 2), /overlayHeatmap.*grayImage.*length 4.*3/);
  await refuses(overlayHeatmap([0, 0, 0, 0], [0], 2), /overlayHeatmap.*map.*length 4.*1/);
});
