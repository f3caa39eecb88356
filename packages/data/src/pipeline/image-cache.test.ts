import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encode } from 'fast-png';
import { makeTempDir } from '@cxr/testkit';
import type { CxrRecord } from '../records.ts';
import { decodeToGray, type DecodeOptions } from './decode.ts';
import { DataFileError } from '../errors.ts';
import type { BadImagesError } from './check-images.ts';
import { buildImageCache, createMemoryImageCache } from './image-cache.ts';

const { dir, cleanup } = makeTempDir('image-cache');
after(cleanup);

/** Three 8x8 PNGs, image n filled with 10 * (n + 1), plus records pointing at them. */
function fixtures(sub: string): CxrRecord[] {
  return [0, 1, 2].map((n) => {
    const path = join(dir, `${sub}-${n}.png`);
    writeFileSync(path, encode({ width: 8, height: 8, data: new Uint8Array(64).fill(10 * (n + 1)), depth: 8, channels: 1 }));
    return { imageId: `img${n}`, patientId: `p${n}`, view: 'PA', path, labels: new Float32Array(1) };
  });
}

/** decodeToGray that counts its calls. */
function countingDecoder(): { decode: (p: string, s: number, o: DecodeOptions) => Promise<Uint8Array>; calls: () => number } {
  let n = 0;
  return { decode: (p, s, o) => ((n += 1), decodeToGray(p, s, o)), calls: () => n };
}

describe('buildImageCache', () => {
  test('builds once, then reopens without decoding; images are indexed like the records', async () => {
    const records = fixtures('a');
    const cacheDir = join(dir, 'cache-a');
    const counter = countingDecoder();
    const logs: string[] = [];
    const progress: string[] = [];
    const first = await buildImageCache({
      records,
      fingerprint: 'fp-a',
      size: 4,
      cacheDir,
      decode: counter.decode,
      logger: (m) => logs.push(m),
      onProgress: (d, t) => progress.push(`${d}/${t}`),
      concurrency: 2,
    });
    assert.equal(counter.calls(), 3);
    assert.deepEqual(progress, ['1/3', '2/3', '3/3']);
    assert.deepEqual([first.count, first.size], [3, 4]);
    assert.deepEqual(Array.from(first.image(2)), new Array(16).fill(30));
    assert.match(logs.join('\n'), /no cache file; building[\s\S]*built 3 images/);
    const second = await buildImageCache({
      records,
      fingerprint: 'fp-a',
      size: 4,
      cacheDir,
      decode: counter.decode,
      logger: (m) => logs.push(m),
    });
    assert.equal(counter.calls(), 3, 'reopening decodes nothing');
    assert.match(logs.at(-1)!, /reused \(3 images at 4px\)/);
    for (let i = 0; i < 3; i++) assert.deepEqual(second.image(i), first.image(i));
    assert.deepEqual(readdirSync(cacheDir), ['fp-a-4px.cxrimg'], 'no temp file left behind');
    assert.equal(statSync(second.path).size, 28 + Buffer.byteLength(readKey(second.path)) + 3 * 4 + 3 * 16);
  });

  test('a cache of another fingerprint or record order is rebuilt; another size is another file', async () => {
    const records = fixtures('b');
    const cacheDir = join(dir, 'cache-b');
    const counter = countingDecoder();
    // Both fingerprints share the 16-character prefix of the file name, so the second finds the first's file.
    const fpOld = '0123456789abcdef-old';
    const fpNew = '0123456789abcdef-new';
    await buildImageCache({ records, fingerprint: fpOld, size: 4, cacheDir, decode: counter.decode });
    const logs: string[] = [];
    await buildImageCache({ records, fingerprint: fpNew, size: 4, cacheDir, decode: counter.decode, logger: (m) => logs.push(m) });
    assert.match(logs[0]!, /0123456789abcdef-4px\.cxrimg: stale \(fingerprint, size, crop, decoder or records changed\); building/);
    await buildImageCache({ records, fingerprint: fpNew, size: 4, cacheDir, decode: counter.decode });
    assert.equal(counter.calls(), 6, 'one rebuild for the changed fingerprint, then reuse');
    const reordered = await buildImageCache({
      records: [records[2]!, records[0]!, records[1]!],
      fingerprint: fpNew,
      size: 4,
      cacheDir,
      decode: counter.decode,
    });
    assert.equal(counter.calls(), 9, 'a new record order is rebuilt');
    assert.equal(reordered.image(0)[0], 30);
    const bigger = await buildImageCache({ records, fingerprint: fpNew, size: 2, cacheDir, decode: counter.decode });
    assert.equal(counter.calls(), 12);
    assert.equal(bigger.image(0).length, 4);
    assert.deepEqual(readdirSync(cacheDir).sort(), ['0123456789abcdef-2px.cxrimg', '0123456789abcdef-4px.cxrimg']);
  });

  test('a truncated cache is detected and rebuilt', async () => {
    const records = fixtures('c');
    const cacheDir = join(dir, 'cache-c');
    const counter = countingDecoder();
    const cache = await buildImageCache({ records, fingerprint: 'fp-c', size: 4, cacheDir, decode: counter.decode });
    truncateSync(cache.path, statSync(cache.path).size - 5);
    const logs: string[] = [];
    const rebuilt = await buildImageCache({
      records,
      fingerprint: 'fp-c',
      size: 4,
      cacheDir,
      decode: counter.decode,
      logger: (m) => logs.push(m),
    });
    assert.equal(counter.calls(), 6);
    assert.match(logs[0]!, /truncated or damaged \(\d+ bytes, expected \d+\)/);
    assert.deepEqual(Array.from(rebuilt.image(1)), new Array(16).fill(20));
  });

  test('a flipped pixel byte fails its checksum and triggers a rebuild', async () => {
    const records = fixtures('d');
    const cacheDir = join(dir, 'cache-d');
    const counter = countingDecoder();
    const cache = await buildImageCache({ records, fingerprint: 'fp-d', size: 4, cacheDir, decode: counter.decode });
    const bytes = readFileSync(cache.path);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(cache.path, bytes);
    const logs: string[] = [];
    await buildImageCache({ records, fingerprint: 'fp-d', size: 4, cacheDir, decode: counter.decode, logger: (m) => logs.push(m) });
    assert.equal(counter.calls(), 6);
    assert.match(logs[0]!, /damaged \(checksum of image 2\)/);
  });

  test('over the memory limit the cache streams images from the file, checking each', async () => {
    const records = fixtures('e');
    const cacheDir = join(dir, 'cache-e');
    await buildImageCache({ records, fingerprint: 'fp-e', size: 4, cacheDir });
    const streamed = await buildImageCache({ records, fingerprint: 'fp-e', size: 4, cacheDir, memoryLimitBytes: 0 });
    assert.deepEqual(Array.from(streamed.image(1)), new Array(16).fill(20));
    const bytes = readFileSync(streamed.path);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(streamed.path, bytes);
    assert.throws(() => streamed.image(2), {
      name: 'DataFileError',
      message: `${streamed.path} [image 2]: image cache changed on disk (checksum mismatch); delete it to rebuild`,
    });
    streamed.close();
    assert.throws(() => streamed.image(0), { message: 'ImageCache.image(this): expected an open cache, received "a closed cache"' });
  });

  test('a build decodes every image, then fails once naming all the bad ones, and leaves no file behind', async () => {
    const records = [...fixtures('f'), ...fixtures('f2')];
    const good = readFileSync(records[0]!.path);
    writeFileSync(records[1]!.path, 'garbage');
    writeFileSync(records[2]!.path, '');
    writeFileSync(records[4]!.path, good.subarray(0, Math.floor(good.length / 2)));
    records[5]!.path = join(dir, 'no-such.png');
    const cacheDir = join(dir, 'cache-f');
    const counter = countingDecoder();
    await assert.rejects(
      buildImageCache({ records, fingerprint: 'fp-f', size: 4, cacheDir, concurrency: 2, decode: counter.decode }),
      (err: BadImagesError) => {
        assert.equal(err.name, 'BadImagesError');
        assert.ok(err instanceof DataFileError);
        assert.deepEqual(
          err.problems.map((p) => [p.source, p.kind, p.file]),
          [
            ['image', 'bad-image', records[1]!.path],
            ['image', 'empty-image', records[2]!.path],
            ['image', 'bad-image', records[4]!.path],
            ['image', 'missing-image', records[5]!.path],
          ],
        );
        assert.match(err.problems[0]!.message, /^cannot decode image: /);
        assert.equal(err.problems[1]!.message, 'empty image file (0 bytes)');
        assert.equal(err.problems[3]!.message, 'image file not found');
        assert.ok(
          err.message.startsWith(
            `buildImageCache: no cache written for ${join(cacheDir, 'fp-f-4px.cxrimg')}: 4 of 6 images cannot be used (2 bad-image, 1 empty-image, 1 missing-image):\n  ${records[1]!.path}: cannot decode image`,
          ),
          err.message,
        );
        return true;
      },
    );
    assert.equal(counter.calls(), 6, 'every image is decoded');
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('the message lists the first 20 bad images and counts the rest', async () => {
    const records = Array.from({ length: 25 }, (_, i) => ({ ...fixtures('m')[0]!, imageId: `m${i}`, path: join(dir, `missing-${i}.png`) }));
    const cacheDir = join(dir, 'cache-m');
    await assert.rejects(buildImageCache({ records, fingerprint: 'fp-m', size: 4, cacheDir }), (err: BadImagesError) => {
      assert.equal(err.problems.length, 25);
      const lines = err.message.split('\n');
      assert.equal(lines.length, 1 + 20 + 1);
      assert.equal(lines[1], `  ${records[0]!.path}: image file not found`);
      assert.equal(lines[21], '  ... and 5 more');
      return true;
    });
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('a write error is not an image problem: it is rethrown as it is and the temp file removed', async () => {
    const records = fixtures('w');
    const cacheDir = join(dir, 'cache-w');
    const boom = new Error('disk full');
    await assert.rejects(
      buildImageCache({
        records,
        fingerprint: 'fp-w',
        size: 4,
        cacheDir,
        onProgress: () => {
          throw boom;
        },
      }),
      (err) => err === boom,
    );
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('a temp file abandoned by a dead build process is removed; a live one is left alone', async () => {
    const records = fixtures('t');
    const cacheDir = join(dir, 'cache-t');
    mkdirSync(cacheDir);
    // pid 4194303 is the kernel's pid_max ceiling, free on any ordinary machine.
    const dead = 'fp-t-4px.cxrimg.tmp-4194303-1';
    const live = `fp-t-4px.cxrimg.tmp-${process.ppid}-1`;
    writeFileSync(join(cacheDir, dead), 'partial');
    writeFileSync(join(cacheDir, live), 'partial');
    const logs: string[] = [];
    await buildImageCache({ records, fingerprint: 'fp-t', size: 4, cacheDir, logger: (m) => logs.push(m) });
    assert.deepEqual(readdirSync(cacheDir).sort(), ['fp-t-4px.cxrimg', live]);
    assert.ok(
      logs.some((m) => m.endsWith(`removed ${dead} left by an interrupted build`)),
      logs.join('\n'),
    );
  });

  test('the crop gets its own cache file and must be named', async () => {
    const records = fixtures('g');
    const cacheDir = join(dir, 'cache-g');
    const crop = () => ({ x: 0, y: 0, width: 4, height: 4 });
    await assert.rejects(buildImageCache({ records, fingerprint: 'fp-g', size: 4, cacheDir, crop }), {
      name: 'DataArgumentError',
      message: 'buildImageCache(cropId): expected a name for the crop function, received undefined',
    });
    const cache = await buildImageCache({ records, fingerprint: 'fp-g', size: 4, cacheDir, crop, cropId: 'corner' });
    assert.ok(cache.path.endsWith('fp-g-4px-corner.cxrimg'), cache.path);
  });

  test('bad arguments throw DataArgumentError naming the argument', async () => {
    await assert.rejects(buildImageCache({ records: [], fingerprint: 'x', size: 4 }), {
      message: 'buildImageCache(records): expected a non-empty array of records, received an array of length 0',
    });
    const records = fixtures('h');
    await assert.rejects(buildImageCache({ records, fingerprint: '', size: 4 }), {
      message: 'buildImageCache(fingerprint): expected a non-empty string, received ""',
    });
    await assert.rejects(buildImageCache({ records, fingerprint: 'x', size: 1.5 }), {
      message: 'buildImageCache(size): expected an integer in [1, 4096], received 1.5',
    });
    await assert.rejects(buildImageCache({ records, fingerprint: 'x', size: 4, concurrency: 0 }), {
      message: 'buildImageCache(concurrency): expected an integer >= 1, received 0',
    });
    const bad = buildImageCache({
      records,
      fingerprint: 'x',
      size: 4,
      cacheDir: join(dir, 'cache-h'),
      decode: async () => new Uint8Array(3),
    });
    await assert.rejects(bad, (err: BadImagesError) => {
      assert.equal(err.problems.length, 3);
      assert.deepEqual(err.problems[0], {
        source: 'image',
        kind: 'bad-image',
        file: records[0]!.path,
        message: 'decoder returned 3 bytes, expected 16 bytes',
      });
      return true;
    });
  });
});

describe('createMemoryImageCache', () => {
  test('wraps pixels image after image; checks length and index', () => {
    const cache = createMemoryImageCache(2, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    assert.deepEqual([cache.count, cache.path], [2, '(memory)']);
    assert.deepEqual(Array.from(cache.image(1)), [5, 6, 7, 8]);
    assert.throws(() => cache.image(2), { message: 'ImageCache.image(i): expected an integer in [0, 2), received 2' });
    assert.throws(() => createMemoryImageCache(2, new Uint8Array(6)), {
      name: 'DataArgumentError',
      message:
        'createMemoryImageCache(pixels): expected a Uint8Array whose length is a positive multiple of 4, received a Uint8Array of length 6',
    });
    assert.throws(() => createMemoryImageCache(0, new Uint8Array(6)), {
      message: 'createMemoryImageCache(size): expected an integer >= 1, received 0',
    });
  });
});

function readKey(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString('utf8', 28, 28 + bytes.readUInt32LE(24));
}
