import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Problem } from '@cxr/core';
import { DataArgumentError, DataFileError } from '../errors.ts';
import type { CxrRecord } from '../records.ts';
import { decodeToGray, type CropFn, type DecodeOptions } from './decode.ts';

/** The decoder signature buildImageCache and checkImages accept (decodeToGray by default). */
export type ImageDecoder = (path: string, size: number, opts: DecodeOptions) => Promise<Uint8Array>;

/** The kinds of image problem: no file, a zero-byte file, a file that does not decode to an image. */
export type ImageProblemKind = 'missing-image' | 'empty-image' | 'bad-image';

/** Options of checkImages. */
export interface CheckImagesOptions {
  /** Side of the square each image is decoded to; default 32 (the decode is the cost, the resize is cheap). */
  size?: number;
  crop?: CropFn;
  /** Images decoded at once; default the number of CPUs. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  decode?: ImageDecoder;
}

/** Image problems listed one by one in a BadImagesError message; the rest are counted. */
export const LISTED_IMAGE_PROBLEMS = 20;

/**
 * Some images of a build cannot be used. `problems` holds every one of them (source 'image', kind
 * 'missing-image' | 'empty-image' | 'bad-image', file = the image); the message gives the count
 * by kind and the first LISTED_IMAGE_PROBLEMS. `file` is the first bad image.
 */
export class BadImagesError extends DataFileError {
  override name = 'BadImagesError';
  constructor(
    readonly problems: Problem[],
    readonly total: number,
    what: string,
  ) {
    super(problems[0]?.file ?? '(none)', undefined, undefined, 'bad images');
    this.message = `${what}: ${describeImageProblems(problems, total)}`;
  }
}

/**
 * "3 of 120 images cannot be used (2 bad-image, 1 missing-image):" followed by one indented line
 * per problem (file: message), the first LISTED_IMAGE_PROBLEMS of them, then "... and N more".
 *
 * @example describeImageProblems([{ kind: 'empty-image', file: '/d/a.png', message: 'empty image file (0 bytes)' }], 2)
 * // '1 of 2 images cannot be used (1 empty-image):\n  /d/a.png: empty image file (0 bytes)'
 */
export function describeImageProblems(problems: readonly Problem[], total: number): string {
  const kinds = new Map<string, number>();
  for (const p of problems) kinds.set(p.kind ?? 'other', (kinds.get(p.kind ?? 'other') ?? 0) + 1);
  const lines = [
    `${problems.length} of ${total} images cannot be used (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}):`,
    ...problems.slice(0, LISTED_IMAGE_PROBLEMS).map((p) => `  ${p.file}: ${p.message}`),
  ];
  if (problems.length > LISTED_IMAGE_PROBLEMS) lines.push(`  ... and ${problems.length - LISTED_IMAGE_PROBLEMS} more`);
  return lines.join('\n');
}

/**
 * Decodes the image of every record (as buildImageCache would, at a small size) and returns a
 * problem for each one that cannot be used, in record order: source 'image', kind 'missing-image'
 * (no such file), 'empty-image' (0 bytes) or 'bad-image' (truncated, corrupt, not an image, or
 * a crop outside it), file = the image path. One bad image never stops the check, so a user
 * sees all of them at once (`cxr datasets inspect --decode`); nothing is written.
 *
 * Cost: one full decode per record, `concurrency` at a time (sharp runs on libuv threads).
 * Throws DataArgumentError on bad options.
 * @example (await checkImages(ds.records)).length // 0 when every image decodes
 */
export async function checkImages(records: readonly CxrRecord[], opts: CheckImagesOptions = {}): Promise<Problem[]> {
  const fn = 'checkImages';
  if (!Array.isArray(records)) throw new DataArgumentError(fn, 'records', 'an array of records', records);
  const size = opts.size ?? 32;
  if (!Number.isInteger(size) || size < 1 || size > 4096) throw new DataArgumentError(fn, 'size', 'an integer in [1, 4096]', size);
  const concurrency = opts.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new DataArgumentError(fn, 'concurrency', 'an integer >= 1', concurrency);
  return decodeEach(records, {
    size,
    concurrency,
    decode: opts.decode ?? decodeToGray,
    decodeOpts: opts.crop ? { crop: opts.crop } : {},
    ...(opts.onProgress && { onProgress: opts.onProgress }),
    onImage: () => {},
  });
}

/**
 * The decode loop shared by checkImages and buildImageCache: decodes every record, `concurrency`
 * at a time, hands each good image to `onImage` (awaited) and returns the failures in record order.
 * An error thrown by onImage or onProgress (a disk error) is not an image problem: it is rethrown
 * once every worker has stopped, so the caller never closes a file another worker still writes.
 */
export async function decodeEach(
  records: readonly CxrRecord[],
  o: {
    size: number;
    concurrency: number;
    decode: ImageDecoder;
    decodeOpts: DecodeOptions;
    onProgress?: (done: number, total: number) => void;
    onImage: (i: number, img: Uint8Array) => Promise<void> | void;
  },
): Promise<Problem[]> {
  const count = records.length;
  const area = o.size * o.size;
  const failures: { i: number; problem: Problem }[] = [];
  let next = 0;
  let done = 0;
  let fatal: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < count && fatal === null) {
      const i = next++;
      const path = records[i]!.path;
      let img: Uint8Array | undefined;
      try {
        img = await o.decode(path, o.size, o.decodeOpts);
        if (!(img instanceof Uint8Array) || img.length !== area) {
          throw new DataFileError(path, undefined, undefined, `decoder returned ${describeLength(img)}, expected ${area} bytes`);
        }
      } catch (error) {
        failures.push({ i, problem: await imageProblem(path, error) });
        img = undefined;
      }
      try {
        if (img) await o.onImage(i, img);
        done++;
        o.onProgress?.(done, count);
      } catch (error) {
        fatal ??= { error };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, count) }, () => worker()));
  if (fatal !== null) throw (fatal as { error: unknown }).error;
  return failures.sort((a, b) => a.i - b.i).map((f) => f.problem);
}

function describeLength(img: unknown): string {
  return img instanceof Uint8Array ? `${img.length} bytes` : `no Uint8Array (${typeof img})`;
}

/** The problem of an image that failed to decode: kind from the file's state, message without the path. */
async function imageProblem(path: string, error: unknown): Promise<Problem> {
  let message = error instanceof Error ? error.message : String(error);
  if (message.startsWith(`${path}: `)) message = message.slice(path.length + 2);
  let kind: ImageProblemKind = 'bad-image';
  try {
    const s = await stat(path);
    if (!s.isFile()) message = `not a file: ${message}`;
    else if (s.size === 0) {
      kind = 'empty-image';
      message = 'empty image file (0 bytes)';
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      kind = 'missing-image';
      message = 'image file not found';
    }
  }
  return { source: 'image', kind, file: path, message };
}
