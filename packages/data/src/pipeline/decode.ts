import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { DataArgumentError, DataFileError } from '../errors.ts';

/**
 * A lung-field crop: receives the full-resolution grayscale image (row-major, values in [0, 1])
 * and returns the box to keep, in integer pixels inside the image. The thesis cropped with a
 * segmentation model that we do not ship, so the default is no crop (the whole image).
 */
export type CropFn = (gray: Float32Array, width: number, height: number) => { x: number; y: number; width: number; height: number };

/** Options of decodeToGray. */
export interface DecodeOptions {
  crop?: CropFn;
}

/**
 * Decodes one PNG (8- or 16-bit, grayscale, RGB or with alpha) or JPEG file to a size x size
 * uint8 grayscale image, row-major: colour is reduced to luminance, alpha dropped, the optional
 * crop applied, then the image is stretched to the square (no letterboxing, as Keras'
 * image_dataset_from_directory / tf.image.resize do) with sharp's Lanczos-3 kernel.
 *
 * 16-bit intensity choice: PadChest's 16-bit PNGs rarely use the full 16 bits (most hold 12 to 14
 * bits of signal), so dividing by 65535 would leave them nearly black. We scale by the image's
 * effective bit depth, b = max(8, ceil(log2(max + 1))): v -> round(v * 255 / (2^b - 1)). Unlike a
 * per-image min-max stretch this keeps the absolute intensity scale of the detector (a dim image
 * stays dim) and one outlier pixel cannot change the contrast of the rest. 8-bit PNG and JPEG
 * values are kept as they are.
 *
 * Cost: one full-resolution decode (libvips) plus one pass over the pixels in JS for 16-bit input.
 * Throws DataFileError naming the file when it is missing, unreadable, not an image or corrupt,
 * or when the crop returns a box outside the image; DataArgumentError on a bad size.
 * @example await decodeToGray('/data/img/0001.png', 64) // Uint8Array(4096)
 */
export async function decodeToGray(path: string, size: number, opts: DecodeOptions = {}): Promise<Uint8Array> {
  if (!Number.isInteger(size) || size < 1 || size > 4096)
    throw new DataArgumentError('decodeToGray', 'size', 'an integer in [1, 4096]', size);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new DataFileError(path, undefined, undefined, `cannot read image: ${(err as Error).message}`);
  }
  if (bytes.length === 0) throw new DataFileError(path, undefined, undefined, 'empty image file (0 bytes)');
  let gray: Uint8Array;
  let width: number;
  let height: number;
  try {
    const meta = await sharp(bytes).metadata();
    const sixteen = meta.depth === 'ushort';
    const { data, info } = await sharp(bytes)
      .removeAlpha()
      .toColourspace(sixteen ? 'grey16' : 'b-w')
      .raw(sixteen ? { depth: 'ushort' } : {})
      .toBuffer({ resolveWithObject: true });
    width = info.width;
    height = info.height;
    if (info.channels !== 1) throw new Error(`expected 1 channel after grey conversion, got ${info.channels}`);
    gray = sixteen
      ? scale16To8(new Uint16Array(data.buffer, data.byteOffset, width * height))
      : new Uint8Array(data.buffer, data.byteOffset, width * height);
  } catch (err) {
    throw new DataFileError(path, undefined, undefined, `cannot decode image: ${(err as Error).message}`);
  }
  let box = { x: 0, y: 0, width, height };
  if (opts.crop) {
    const unit = new Float32Array(gray.length);
    for (let i = 0; i < gray.length; i++) unit[i] = gray[i]! / 255;
    box = opts.crop(unit, width, height);
    if (!isInside(box, width, height)) {
      throw new DataFileError(path, undefined, 'crop', `crop box must be integers inside ${width}x${height}, got ${JSON.stringify(box)}`);
    }
  }
  try {
    let img = sharp(gray, { raw: { width, height, channels: 1 } });
    if (box.width !== width || box.height !== height) img = img.extract({ left: box.x, top: box.y, width: box.width, height: box.height });
    const out = await img.resize(size, size, { fit: 'fill' }).toColourspace('b-w').raw().toBuffer();
    return new Uint8Array(out.buffer, out.byteOffset, size * size);
  } catch (err) {
    throw new DataFileError(path, undefined, undefined, `cannot resize image: ${(err as Error).message}`);
  }
}

/** Scales 16-bit samples to 8 bits by the effective bit depth of the image (see decodeToGray). */
export function scale16To8(values: Uint16Array): Uint8Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const bits = Math.max(8, Math.ceil(Math.log2(max + 1)));
  const factor = 255 / (2 ** bits - 1);
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(values[i]! * factor);
  return out;
}

function isInside(box: { x: number; y: number; width: number; height: number }, width: number, height: number): boolean {
  const { x, y, width: w, height: h } = box ?? {};
  return [x, y, w, h].every((v) => Number.isInteger(v)) && x >= 0 && y >= 0 && w >= 1 && h >= 1 && x + w <= width && y + h <= height;
}
