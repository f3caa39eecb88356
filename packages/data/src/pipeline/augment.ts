import { z } from 'zod';
import { DataArgumentError } from '../errors.ts';
import type { Rng } from '../random/index.ts';

/** How pixels sampled from outside the image are filled: 'reflect' (Keras' default fill_mode) or 'constant' black. */
export const AUGMENT_FILLS = ['reflect', 'constant'] as const;

/**
 * The basic augmentation of the thesis: one random affine warp (rotation, zoom, translation) with
 * bilinear sampling, then a brightness shift and per-pixel uniform noise, on images in [0, 1].
 * There is deliberately no flip: left-right flips would swap laterality (heart side, effusion side).
 * This schema is the `augment` section of a run config (its ranges are the config's; the pipeline's
 * own argument check, checkAugmentConfig, accepts a little more); AugmentConfig is inferred from it.
 */
export const AUGMENT_CONFIG_SCHEMA = z.strictObject({
  /** Rotation uniform in [-rotationDeg, +rotationDeg] degrees (Keras RandomRotation(rotationDeg / 360)). */
  rotationDeg: z.number().min(0).max(180),
  /** Height and width zoom factors, each uniform in [1 - zoom, 1 + zoom] independently (Keras RandomZoom(zoom, zoom); > 1 zooms out). */
  zoom: z.number().min(0).max(0.9),
  /** Shift uniform in [-translate, +translate] x size pixels on each axis (Keras RandomTranslation(translate, translate)). */
  translate: z.number().min(0).max(0.5),
  /**
   * Width (horizontal) shift range in place of `translate` on that axis (Keras ImageDataGenerator's
   * width_shift_range; seed 004: 0.1); absent = `translate`.
   */
  translateX: z.number().min(0).max(0.5).optional(),
  /** Height (vertical) shift range in place of `translate` (height_shift_range; seed 004: 0.05); absent = `translate`. */
  translateY: z.number().min(0).max(0.5).optional(),
  /**
   * Mirror left-right with probability 1/2 (horizontal_flip; seed 004 flips). Absent or false = no
   * flip, the thesis' choice: a flip swaps laterality (heart side, effusion side).
   */
  flip: z.boolean().optional(),
  /**
   * Additive brightness shift uniform in [-brightness, +brightness] on [0, 1] images, then clipped
   * to [0, 1]: Keras RandomBrightness(factor=brightness, value_range=(0, 1)) shifts by up to
   * factor x range.
   */
  brightness: z.number().min(0).max(1),
  /** Per-pixel noise uniform in [-noise, +noise], added after brightness, then clipped to [0, 1]. */
  noise: z.number().min(0).max(1),
  /** Pixels sampled from outside the image: 'reflect' (Keras' default fill_mode, the default here) or 'constant' black. */
  fill: z.enum(AUGMENT_FILLS).default('reflect'),
});

/** Augmentation settings as a caller writes them (`fill` may be left out: 'reflect'). */
export type AugmentConfig = z.input<typeof AUGMENT_CONFIG_SCHEMA>;

/** The thesis' basic augmentation (rotation +/-45 deg, zoom +/-10 %, translation +/-10 %, brightness +/-0.4, noise +/-0.05). */
export const THESIS_AUGMENT: Readonly<z.output<typeof AUGMENT_CONFIG_SCHEMA>> = Object.freeze({
  rotationDeg: 45,
  zoom: 0.1,
  translate: 0.1,
  brightness: 0.4,
  noise: 0.05,
  fill: 'reflect',
});

/** The random draws for one image (the noise is drawn while warping). */
export interface AugmentParams {
  /** Rotation in radians (the sign convention does not matter: the range is symmetric). */
  angle: number;
  zoomX: number;
  zoomY: number;
  /** Pixels. */
  shiftX: number;
  shiftY: number;
  brightness: number;
  /** Mirror the warped image left-right (only drawn when the config flips; absent = no flip). */
  flip?: boolean;
}

/**
 * Validates an AugmentConfig; throws DataArgumentError naming `fn` and the field.
 * @example checkAugmentConfig('trainBatches', THESIS_AUGMENT) // passes
 */
export function checkAugmentConfig(fn: string, config: AugmentConfig): void {
  const ranges: [keyof AugmentConfig, number][] = [
    ['rotationDeg', 180],
    ['zoom', 0.99],
    ['translate', 1],
    ['brightness', 1],
    ['noise', 1],
    ['translateX', 1],
    ['translateY', 1],
  ];
  for (const [field, max] of ranges) {
    const v = config[field] as number;
    if ((field === 'translateX' || field === 'translateY') && v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= max)) throw new DataArgumentError(fn, `augment.${field}`, `a number in [0, ${max}]`, v);
  }
  if (config.flip !== undefined && typeof config.flip !== 'boolean')
    throw new DataArgumentError(fn, 'augment.flip', 'a boolean', config.flip);
  if (config.fill !== undefined && config.fill !== 'reflect' && config.fill !== 'constant') {
    throw new DataArgumentError(fn, 'augment.fill', "'reflect' or 'constant'", config.fill);
  }
}

/**
 * Draws one image's warp and brightness from `rng` (six draws, in a fixed order), then the flip
 * (a seventh draw, made only when `config.flip` is true, so configs without it keep their streams).
 * @example sampleAugmentParams(createRng(1, 'augment/0'), THESIS_AUGMENT, 64).angle // in [-pi/4, pi/4]
 */
export function sampleAugmentParams(rng: Rng, config: AugmentConfig, size: number): AugmentParams {
  const rot = (config.rotationDeg * Math.PI) / 180;
  const tx = config.translateX ?? config.translate;
  const ty = config.translateY ?? config.translate;
  const params: AugmentParams = {
    angle: rng.uniform(-rot, rot),
    zoomX: 1 + rng.uniform(-config.zoom, config.zoom),
    zoomY: 1 + rng.uniform(-config.zoom, config.zoom),
    shiftX: rng.uniform(-tx, tx) * size,
    shiftY: rng.uniform(-ty, ty) * size,
    brightness: rng.uniform(-config.brightness, config.brightness),
  };
  if (config.flip === true) params.flip = rng.uniform(0, 1) < 0.5;
  return params;
}

/**
 * Writes the augmented image (values in [0, 1]) into out[offset .. offset + size*size): output
 * pixel (x, y) samples the source bilinearly at c + Z R(-angle) ((x, y) - c - shift), with c the
 * image centre, Z = diag(zoomX, zoomY); then adds the brightness shift and clips, then adds
 * uniform noise in [-noise, noise] drawn from `rng` (one 32-bit draw per pixel, row-major) and
 * clips. With noise 0 no draw is made. With `params.flip` the result is then mirrored left-right
 * (Keras' horizontal_flip acts on the transformed image the same way).
 * Cost: O(size^2), plain typed-array arithmetic so it is exact and identical on every backend.
 */
export function augmentInto(
  src: Uint8Array,
  size: number,
  params: AugmentParams,
  config: AugmentConfig,
  rng: Rng,
  out: Float32Array,
  offset: number,
): void {
  const c = (size - 1) / 2;
  const cos = Math.cos(params.angle);
  const sin = Math.sin(params.angle);
  // Source position = A (x - c - sx, y - c - sy) + c with A = Z R(-angle).
  const a00 = params.zoomX * cos;
  const a01 = params.zoomX * sin;
  const a10 = -params.zoomY * sin;
  const a11 = params.zoomY * cos;
  const reflect = (config.fill ?? 'reflect') === 'reflect';
  const noise = config.noise;
  const bright = params.brightness;
  const inv = 1 / 255;
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    const dy = y - c - params.shiftY;
    const dx0 = -c - params.shiftX;
    let sx = a00 * dx0 + a01 * dy + c;
    let sy = a10 * dx0 + a11 * dy + c;
    let o = offset + y * size;
    for (let x = 0; x < size; x++, o++, sx += a00, sy += a10) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      let v: number;
      if (x0 >= 0 && y0 >= 0 && x0 < last && y0 < last) {
        const i = y0 * size + x0;
        const top = src[i]! + fx * (src[i + 1]! - src[i]!);
        const bottom = src[i + size]! + fx * (src[i + size + 1]! - src[i + size]!);
        v = top + fy * (bottom - top);
      } else {
        const p00 = sample(src, size, x0, y0, reflect);
        const p01 = sample(src, size, x0 + 1, y0, reflect);
        const p10 = sample(src, size, x0, y0 + 1, reflect);
        const p11 = sample(src, size, x0 + 1, y0 + 1, reflect);
        const top = p00 + fx * (p01 - p00);
        v = top + fy * (p10 + fx * (p11 - p10) - top);
      }
      v = v * inv + bright;
      v = v < 0 ? 0 : v > 1 ? 1 : v;
      if (noise > 0) {
        v += (rng.nextUint32() * 2.3283064365386963e-10 * 2 - 1) * noise;
        v = v < 0 ? 0 : v > 1 ? 1 : v;
      }
      out[o] = v;
    }
    if (params.flip === true) out.subarray(offset + y * size, offset + (y + 1) * size).reverse();
  }
}

/** The pixel at integer (x, y), outside the image reflected (d c b a | a b c d | d c b a) or 0. */
function sample(src: Uint8Array, size: number, x: number, y: number, reflect: boolean): number {
  if (x < 0 || y < 0 || x >= size || y >= size) {
    if (!reflect) return 0;
    x = reflectIndex(x, size);
    y = reflectIndex(y, size);
  }
  return src[y * size + x]!;
}

function reflectIndex(i: number, n: number): number {
  const period = 2 * n;
  let m = i % period;
  if (m < 0) m += period;
  return m >= n ? period - 1 - m : m;
}

/** Writes the image unchanged as [0, 1] values into out[offset .. offset + size*size). */
export function copyUnitInto(src: Uint8Array, out: Float32Array, offset: number): void {
  const inv = 1 / 255;
  for (let i = 0; i < src.length; i++) out[offset + i] = src[i]! * inv;
}
