import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { encode } from 'fast-png';
import sharp from 'sharp';
import { expectClose, makeTempDir } from '@cxr/testkit';
import { preprocessImageFile } from './preprocess-image-file.ts';

/** A width x height single-channel image with every pixel `value`. */
async function constantImage(
  path: string,
  value: number,
  opts: { sixteen?: boolean; jpeg?: boolean; size?: number } = {},
): Promise<string> {
  const size = opts.size ?? 8;
  if (opts.sixteen) {
    await writeFile(path, encode({ width: size, height: size, data: new Uint16Array(size * size).fill(value), depth: 16, channels: 1 }));
    return path;
  }
  const img = sharp(Buffer.alloc(size * size, value), { raw: { width: size, height: size, channels: 1 } });
  if (opts.jpeg) await img.jpeg({ quality: 100 }).toFile(path);
  else await img.png().toFile(path);
  return path;
}

describe('preprocessImageFile', () => {
  const tmp = makeTempDir('preprocess');
  after(tmp.cleanup);

  test("8-bit PNG, unit normalisation, 1 channel: v / 255 at the run's size", async () => {
    const before = tf.memory().numTensors;
    const x = await preprocessImageFile(await constantImage(join(tmp.dir, 'a.png'), 51, { size: 20 }), {
      size: 4,
      channels: 1,
      normalization: 'unit',
    });
    assert.equal(x.length, 16);
    expectClose(Array.from(x), new Array(16).fill(51 / 255), 1e-6);
    assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  });

  test('JPEG, imagenet normalisation, 3 channels: (v / 255 - mean_c) / std_c, channel last', async () => {
    const x = await preprocessImageFile(await constantImage(join(tmp.dir, 'b.jpg'), 128, { jpeg: true }), {
      size: 2,
      channels: 3,
      normalization: 'imagenet',
    });
    assert.equal(x.length, 12);
    // ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225), torchvision's constants
    const pixel = [(128 / 255 - 0.485) / 0.229, (128 / 255 - 0.456) / 0.224, (128 / 255 - 0.406) / 0.225];
    expectClose(Array.from(x), [...pixel, ...pixel, ...pixel, ...pixel], 1e-5);
  });

  test('16-bit PNG: scaled by its effective bit depth (1000 of 10 bits -> round(1000 * 255 / 1023) = 249)', async () => {
    const x = await preprocessImageFile(await constantImage(join(tmp.dir, 'c.png'), 1000, { sixteen: true }), {
      size: 2,
      channels: 1,
      normalization: 'unit',
    });
    expectClose(Array.from(x), [249 / 255, 249 / 255, 249 / 255, 249 / 255], 1e-6);
  });

  test('a file that is not an image is refused with its name', async () => {
    const bad = join(tmp.dir, 'broken.png');
    await writeFile(bad, 'not a png');
    await assert.rejects(preprocessImageFile(bad, { size: 4, channels: 1, normalization: 'unit' }), {
      name: 'DataFileError',
      message: new RegExp(`${bad.replace(/[.]/g, '\\.')}.*cannot decode image`),
    });
  });
});
