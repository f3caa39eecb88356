/**
 * A Grad-CAM map laid over its grayscale radiograph as a PNG: each pixel is the gray value blended
 * with heatmapColour(map) at opacity MAX_ALPHA * map, so cold regions leave the image readable.
 */
import sharp from 'sharp';
import { argumentMessage } from '@cxr/core';
import { CliArgumentError } from '../cli/parse-seed.ts';
import { heatmapColour } from './heatmap-colour.ts';

/** Opacity of the colour where the map is 1. */
export const OVERLAY_MAX_ALPHA = 0.6;

/**
 * PNG bytes (8-bit RGB, size x size) of `map` (values in [0, 1]) over `grayImage` (intensities in
 * [0, 1]), both size x size row-major.
 *
 * @throws CliArgumentError when size is not a positive integer or either array is not size * size long.
 * @example await writeFile('cam.png', await overlayHeatmap(image, gradCam(model, x, c).map, 32))
 */
export async function overlayHeatmap(grayImage: ArrayLike<number>, map: ArrayLike<number>, size: number): Promise<Buffer> {
  if (!Number.isInteger(size) || size < 1)
    throw new CliArgumentError(argumentMessage('overlayHeatmap', 'size', 'a positive integer', size));
  const n = size * size;
  if (grayImage.length !== n)
    throw new CliArgumentError(argumentMessage('overlayHeatmap', 'grayImage', `length ${n} (size * size)`, grayImage.length));
  if (map.length !== n) throw new CliArgumentError(argumentMessage('overlayHeatmap', 'map', `length ${n} (size * size)`, map.length));
  const rgb = Buffer.alloc(3 * n);
  for (let i = 0; i < n; i++) {
    const g = 255 * Math.min(1, Math.max(0, grayImage[i]! || 0));
    const t = Math.min(1, Math.max(0, map[i]! || 0));
    const a = OVERLAY_MAX_ALPHA * t;
    const c = heatmapColour(t);
    for (let k = 0; k < 3; k++) rgb[3 * i + k] = Math.round(g * (1 - a) + c[k]! * a);
  }
  return sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}
