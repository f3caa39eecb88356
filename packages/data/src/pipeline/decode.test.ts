import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encode } from 'fast-png';
import sharp from 'sharp';
import { expectClose, makeTempDir } from '@cxr/testkit';
import { decodeToGray, scale16To8 } from './decode.ts';

const { dir, cleanup } = makeTempDir('decode');
after(cleanup);

/** An 8x8 image whose pixel (x, y) is f(x, y). */
function pattern(f: (x: number, y: number) => number): number[] {
  return Array.from({ length: 64 }, (_, i) => f(i % 8, Math.floor(i / 8)));
}

function writePng(name: string, values: number[], depth: 8 | 16, width = 8, height = 8): string {
  const data = depth === 16 ? Uint16Array.from(values) : Uint8Array.from(values);
  const file = join(dir, name);
  writeFileSync(file, encode({ width, height, data, depth, channels: 1 }));
  return file;
}

describe('decodeToGray', () => {
  test('8-bit grayscale PNG at its own size comes back unchanged', async () => {
    const values = pattern((x, y) => x * 30 + y);
    const out = await decodeToGray(writePng('g8.png', values, 8), 8);
    assert.deepEqual(Array.from(out), values);
  });

  test('16-bit PNG with 12 bits of signal is scaled by 255 / 4095 (effective bit depth)', async () => {
    const values = pattern((x, y) => (x * 8 + y) * 64); // max 63 * 64 = 4032 -> 12 bits
    const out = await decodeToGray(writePng('g16.png', values, 16), 8);
    assert.deepEqual(
      Array.from(out),
      values.map((v) => Math.round((v * 255) / 4095)),
    );
  });

  test('16-bit PNG using the full range is scaled by 255 / 65535', async () => {
    const values = pattern((x, y) => (x === 7 && y === 7 ? 65535 : x * 4000));
    const out = await decodeToGray(writePng('g16full.png', values, 16), 8);
    assert.deepEqual(
      Array.from(out),
      values.map((v) => Math.round((v * 255) / 65535)),
    );
  });

  test('JPEG decodes to gray within JPEG error, and is resized to the square', async () => {
    const file = join(dir, 'flat.jpg');
    await sharp(Buffer.alloc(40 * 24, 128), { raw: { width: 40, height: 24, channels: 1 } })
      .jpeg({ quality: 95 })
      .toFile(file);
    const out = await decodeToGray(file, 16);
    assert.equal(out.length, 256);
    for (const v of out) expectClose(v, 128, 2, 'jpeg pixel');
  });

  test('RGB PNG is reduced to one gray channel; downscaling keeps a flat image flat', async () => {
    const file = join(dir, 'rgb.png');
    await sharp(Buffer.alloc(32 * 32 * 3, 200), { raw: { width: 32, height: 32, channels: 3 } })
      .png()
      .toFile(file);
    const out = await decodeToGray(file, 4);
    assert.deepEqual(Array.from(out), new Array(16).fill(200));
  });

  test('the crop function sees [0, 1] values and its box is what gets resized', async () => {
    const file = writePng(
      'halves.png',
      pattern((x) => (x < 4 ? 255 : 0)),
      8,
    );
    let seen: number[] = [];
    const out = await decodeToGray(file, 4, {
      crop: (gray, width, height) => {
        seen = [gray[0]!, gray[7]!, width, height];
        return { x: 0, y: 0, width: 4, height: 8 };
      },
    });
    assert.deepEqual(seen, [1, 0, 8, 8]);
    assert.deepEqual(Array.from(out), new Array(16).fill(255));
  });

  test('a crop box outside the image throws naming the file and the box', async () => {
    const file = writePng(
      'crop-bad.png',
      pattern(() => 9),
      8,
    );
    await assert.rejects(decodeToGray(file, 4, { crop: () => ({ x: 4, y: 0, width: 8, height: 8 }) }), (err: Error) => {
      assert.equal(err.name, 'DataFileError');
      assert.match(err.message, /crop-bad\.png \[crop\]: crop box must be integers inside 8x8, got \{"x":4,"y":0,"width":8,"height":8\}/);
      return true;
    });
  });

  test('a corrupt PNG throws DataFileError naming the file', async () => {
    const file = join(dir, 'corrupt.png');
    const good = encode({ width: 8, height: 8, data: new Uint8Array(64), depth: 8, channels: 1 });
    writeFileSync(file, good.subarray(0, 30));
    await assert.rejects(decodeToGray(file, 4), (err: Error) => {
      assert.equal(err.name, 'DataFileError');
      assert.ok(err.message.startsWith(`${file}: cannot decode image:`), err.message);
      return true;
    });
  });

  test('a file that is not an image, and a missing file, name the file', async () => {
    const file = join(dir, 'text.png');
    writeFileSync(file, 'not an image at all');
    await assert.rejects(decodeToGray(file, 4), new RegExp(`^DataFileError: ${file.replace(/[.]/g, '\\.')}: cannot decode image`));
    const missing = join(dir, 'missing.png');
    await assert.rejects(decodeToGray(missing, 4), (err: Error) => err.message.startsWith(`${missing}: cannot read image: ENOENT`));
  });

  test('a zero-byte file and a truncated PNG name the file', async () => {
    const empty = join(dir, 'empty.png');
    writeFileSync(empty, '');
    await assert.rejects(decodeToGray(empty, 4), { name: 'DataFileError', message: `${empty}: empty image file (0 bytes)` });
    const whole = writePng(
      'whole.png',
      pattern((x, y) => x * 30 + y),
      8,
    );
    const truncated = join(dir, 'truncated.png');
    const { readFileSync } = await import('node:fs');
    writeFileSync(truncated, readFileSync(whole).subarray(0, 60));
    await assert.rejects(decodeToGray(truncated, 4), (err: Error) => err.message.startsWith(`${truncated}: cannot decode image`));
  });

  test('a bad size throws DataArgumentError', async () => {
    await assert.rejects(decodeToGray('x.png', 0), {
      name: 'DataArgumentError',
      message: 'decodeToGray(size): expected an integer in [1, 4096], received 0',
    });
  });
});

describe('scale16To8', () => {
  test('uses the effective bit depth, never fewer than 8 bits', () => {
    assert.deepEqual(Array.from(scale16To8(Uint16Array.from([0, 512, 1000]))), [
      0,
      Math.round((512 * 255) / 1023),
      Math.round((1000 * 255) / 1023),
    ]);
    assert.deepEqual(Array.from(scale16To8(Uint16Array.from([0, 100]))), [0, 100]);
  });
});
