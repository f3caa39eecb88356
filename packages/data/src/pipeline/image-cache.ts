import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { removeAbandonedTemps, tempPathFor } from '@cxr/core';
import { DataArgumentError, DataFileError } from '../errors.ts';
import type { CxrRecord } from '../records.ts';
import { BadImagesError, decodeEach, type ImageDecoder } from './check-images.ts';
import { decodeToGray, type CropFn, type DecodeOptions } from './decode.ts';

/**
 * Decoded, resized images of one dataset at one size, indexed like the records they were built
 * from (image i = records[i]).
 */
export interface ImageCache {
  readonly count: number;
  readonly size: number;
  /** The cache file, or '(memory)' for an in-memory cache. */
  readonly path: string;
  /** Image i as size*size uint8 grayscale, row-major. Treat as read-only (it may be a view into the cache). */
  image(i: number): Uint8Array;
  /** Releases the file handle of a streaming cache; a no-op for loaded caches. */
  close(): void;
}

/** Options of buildImageCache. */
export interface BuildImageCacheOptions {
  records: CxrRecord[];
  /** Dataset fingerprint (LoadedDataset.fingerprint); a cache built for another fingerprint is stale. */
  fingerprint: string;
  size: number;
  /** Folder of cache files; default 'data/cache' (relative to the working directory). */
  cacheDir?: string;
  crop?: CropFn;
  /** Names the crop in the cache key and file name; required with `crop`, since a function cannot be compared. */
  cropId?: string;
  /** Images decoded at once; default the number of CPUs. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  logger?: (msg: string) => void;
  /** Caches up to this many pixel bytes are loaded into memory, larger ones are read per image; default 1 GiB. */
  memoryLimitBytes?: number;
  /** The decoder; default decodeToGray (tests count calls through it). */
  decode?: ImageDecoder;
}

const MAGIC = 'CXRIMGC\0';
const FORMAT_VERSION = 1;
/** Bumped whenever decodeToGray's output changes, so old caches are rebuilt. */
const DECODER_VERSION = 'decode-v1';
const FIXED_HEADER = 28;

/**
 * Returns the image cache of (records, fingerprint, size), building it when it is missing, stale
 * (other fingerprint, size, crop, decoder or record order) or damaged (truncated, checksum
 * mismatch). Later epochs and runs then never decode an image again.
 *
 * File `<cacheDir>/<fingerprint prefix>-<size>px[-<cropId>].cxrimg`, little-endian:
 * magic 'CXRIMGC\0' | u32 format version | u32 size | u32 count | u32 header length H | u32 key
 * length L | u32 reserved | key (L bytes of JSON: fingerprint, size, count, crop, decoder, SHA-256
 * of the image ids in order) | at H: count x u32 CRC-32 of each image | count*size*size pixel bytes.
 * It is written under a temporary name and renamed when complete, so a crash never leaves a
 * half-written cache under the real name; temp files of dead processes are removed on the next build.
 *
 * Reading: a cache of up to memoryLimitBytes of pixels (default 1 GiB; 10k images at 64 px are
 * 40 MB, 20k at 224 px are 1 GB) is loaded into one Buffer and every image's CRC checked on open;
 * a larger one keeps the file open and reads each image with fs.readSync at its offset, checking
 * that image's CRC on every read.
 *
 * Cost of a build: one decode per record, `concurrency` at a time (sharp runs on libuv threads).
 * A build decodes every image even when some fail, then throws one BadImagesError (a
 * DataFileError) whose `problems` list every image that cannot be used (source 'image', kind
 * 'missing-image' | 'empty-image' | 'bad-image', file = the image) and whose message counts them and
 * names the first 20; the temp file is removed, so a failed build leaves no cache and no temp
 * file. (checkImages runs the same check without writing.) Throws DataArgumentError on bad options.
 * @example const cache = await buildImageCache({ records, fingerprint: ds.fingerprint, size: 64 });
 * cache.image(0).length // 4096
 */
export async function buildImageCache(opts: BuildImageCacheOptions): Promise<ImageCache> {
  const fn = 'buildImageCache';
  const { records, fingerprint, size } = opts;
  if (!Array.isArray(records) || records.length === 0) throw new DataArgumentError(fn, 'records', 'a non-empty array of records', records);
  if (typeof fingerprint !== 'string' || fingerprint.length === 0)
    throw new DataArgumentError(fn, 'fingerprint', 'a non-empty string', fingerprint);
  if (!Number.isInteger(size) || size < 1 || size > 4096) throw new DataArgumentError(fn, 'size', 'an integer in [1, 4096]', size);
  if (opts.crop && !opts.cropId) throw new DataArgumentError(fn, 'cropId', 'a name for the crop function', opts.cropId);
  const concurrency = opts.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new DataArgumentError(fn, 'concurrency', 'an integer >= 1', concurrency);
  const memoryLimit = opts.memoryLimitBytes ?? 2 ** 30;
  const log = opts.logger ?? (() => {});

  const key = JSON.stringify({
    fingerprint,
    size,
    count: records.length,
    crop: opts.cropId ?? 'none',
    decoder: DECODER_VERSION,
    ids: createHash('sha256')
      .update(records.map((r) => r.imageId).join('\n'))
      .digest('hex'),
  });
  const dir = resolve(opts.cacheDir ?? join('data', 'cache'));
  const file = join(dir, `${safeName(fingerprint).slice(0, 16)}-${size}px${opts.cropId ? `-${safeName(opts.cropId)}` : ''}.cxrimg`);

  try {
    const cache = openImageCache(file, key, memoryLimit);
    log(`image cache ${file}: reused (${cache.count} images at ${size}px)`);
    return cache;
  } catch (err) {
    if (!(err instanceof StaleCacheError)) throw err;
    log(`image cache ${file}: ${err.message}; building`);
  }
  await mkdir(dir, { recursive: true });
  removeAbandonedCacheTemps(file, log);
  const started = Date.now();
  await writeCache(file, key, opts, concurrency);
  const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
  log(`image cache ${file}: built ${records.length} images in ${seconds.toFixed(1)} s (${(records.length / seconds).toFixed(0)} images/s)`);
  return openImageCache(file, key, memoryLimit);
}

/**
 * An in-memory cache over `pixels` (count*size*size bytes, image after image), for synthetic data,
 * tests and benchmarks.
 *
 * Throws DataArgumentError when the length is not a positive multiple of size*size.
 * @example createMemoryImageCache(2, new Uint8Array(8)).count // 2
 */
export function createMemoryImageCache(size: number, pixels: Uint8Array): ImageCache {
  const fn = 'createMemoryImageCache';
  if (!Number.isInteger(size) || size < 1) throw new DataArgumentError(fn, 'size', 'an integer >= 1', size);
  if (!(pixels instanceof Uint8Array) || pixels.length === 0 || pixels.length % (size * size) !== 0) {
    throw new DataArgumentError(fn, 'pixels', `a Uint8Array whose length is a positive multiple of ${size * size}`, pixels);
  }
  return loadedCache('(memory)', size, pixels.length / (size * size), pixels);
}

/** Why an existing cache file cannot be used; buildImageCache rebuilds on it. */
class StaleCacheError extends Error {}

function loadedCache(path: string, size: number, count: number, pixels: Uint8Array): ImageCache {
  const area = size * size;
  return {
    count,
    size,
    path,
    image(i: number): Uint8Array {
      checkIndex(i, count);
      return pixels.subarray(i * area, (i + 1) * area);
    },
    close(): void {},
  };
}

function checkIndex(i: number, count: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= count) throw new DataArgumentError('ImageCache.image', 'i', `an integer in [0, ${count})`, i);
}

/** Opens and validates a cache file; throws StaleCacheError when it is missing, stale or damaged. */
function openImageCache(file: string, expectedKey: string, memoryLimit: number): ImageCache {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new StaleCacheError('no cache file');
  }
  let keepOpen = false;
  try {
    const fileLength = fstatSync(fd).size;
    const fixed = readExactly(fd, 0, FIXED_HEADER, fileLength);
    if (!fixed || fixed.toString('latin1', 0, 8) !== MAGIC) throw new StaleCacheError('not a cache file (bad magic)');
    const version = fixed.readUInt32LE(8);
    if (version !== FORMAT_VERSION) throw new StaleCacheError(`format version ${version}, expected ${FORMAT_VERSION}`);
    const size = fixed.readUInt32LE(12);
    const count = fixed.readUInt32LE(16);
    const headerLength = fixed.readUInt32LE(20);
    const keyLength = fixed.readUInt32LE(24);
    const keyBytes = readExactly(fd, FIXED_HEADER, keyLength, fileLength);
    if (!keyBytes || keyBytes.toString('utf8') !== expectedKey)
      throw new StaleCacheError('stale (fingerprint, size, crop, decoder or records changed)');
    const area = size * size;
    const expectedLength = headerLength + 4 * count + count * area;
    if (fileLength !== expectedLength) throw new StaleCacheError(`truncated or damaged (${fileLength} bytes, expected ${expectedLength})`);
    const crcs = readExactly(fd, headerLength, 4 * count, fileLength)!;
    const crcOf = (i: number) => crcs.readUInt32LE(4 * i);
    const dataStart = headerLength + 4 * count;
    if (count * area <= memoryLimit) {
      const pixels = readExactly(fd, dataStart, count * area, fileLength)!;
      for (let i = 0; i < count; i++) {
        if (crc32(pixels.subarray(i * area, (i + 1) * area)) !== crcOf(i)) throw new StaleCacheError(`damaged (checksum of image ${i})`);
      }
      return loadedCache(file, size, count, new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length));
    }
    keepOpen = true;
    let open = true;
    return {
      count,
      size,
      path: file,
      image(i: number): Uint8Array {
        checkIndex(i, count);
        if (!open) throw new DataArgumentError('ImageCache.image', 'this', 'an open cache', 'a closed cache');
        const out = new Uint8Array(area);
        const got = readSync(fd, out, 0, area, dataStart + i * area);
        if (got !== area || crc32(out) !== crcOf(i)) {
          throw new DataFileError(file, undefined, `image ${i}`, 'image cache changed on disk (checksum mismatch); delete it to rebuild');
        }
        return out;
      },
      close(): void {
        if (open) closeSync(fd);
        open = false;
      },
    };
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}

/** Reads `length` bytes at `position`, or returns null when the file is too short. */
function readExactly(fd: number, position: number, length: number, fileLength: number): Buffer | null {
  if (position + length > fileLength) return null;
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    // readSync reads at most 2 GiB per call.
    const got = readSync(fd, out, done, Math.min(length - done, 2 ** 30), position + done);
    if (got === 0) return null;
    done += got;
  }
  return out;
}

async function writeCache(file: string, key: string, opts: BuildImageCacheOptions, concurrency: number): Promise<void> {
  const { records, size } = opts;
  const decode = opts.decode ?? decodeToGray;
  const decodeOpts: DecodeOptions = opts.crop ? { crop: opts.crop } : {};
  const count = records.length;
  const area = size * size;
  const keyBytes = Buffer.from(key, 'utf8');
  const headerLength = FIXED_HEADER + keyBytes.length;
  const header = Buffer.alloc(headerLength);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(size, 12);
  header.writeUInt32LE(count, 16);
  header.writeUInt32LE(headerLength, 20);
  header.writeUInt32LE(keyBytes.length, 24);
  keyBytes.copy(header, FIXED_HEADER);
  const crcs = Buffer.alloc(4 * count);
  const dataStart = headerLength + 4 * count;

  const temp = tempPathFor(file, String(Date.now()));
  const handle = await open(temp, 'w');
  let ok = false;
  try {
    await handle.write(header, 0, headerLength, 0);
    // Every image is decoded even after one fails, so one build names all the bad ones.
    const problems = await decodeEach(records, {
      size,
      concurrency,
      decode,
      decodeOpts,
      ...(opts.onProgress && { onProgress: opts.onProgress }),
      onImage: async (i, img) => {
        crcs.writeUInt32LE(crc32(img), 4 * i);
        await handle.write(img, 0, area, dataStart + i * area);
      },
    });
    if (problems.length > 0) throw new BadImagesError(problems, count, `buildImageCache: no cache written for ${file}`);
    await handle.write(crcs, 0, crcs.length, headerLength);
    await handle.sync();
    ok = true;
  } finally {
    await handle.close();
    if (!ok) await unlink(temp).catch(() => {});
  }
  await rename(temp, file);
}

/** Deletes temp files of `file` left by builds whose process is gone (a crash or a kill mid-build). */
function removeAbandonedCacheTemps(file: string, log: (msg: string) => void): void {
  for (const name of removeAbandonedTemps(file)) log(`image cache ${file}: removed ${name} left by an interrupted build`);
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}
