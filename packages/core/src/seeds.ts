/**
 * Seed derivation, in one module. Two derivations live here and stay two different functions,
 * because each one fixes the numbers of every run already recorded (changing either changes
 * weights, splits, epoch orders and augmentations):
 *
 * - `rngSeedState` / `deriveSeed`: FNV-1a over the purpose's UTF-16 code units, xored with the
 *   seed, spread by splitmix32 into xoshiro128** state. `rngSeedState` is the state @cxr/data's
 *   `createRng(seed, purpose)` starts from (every data-side stream: splits, epoch order,
 *   augmentation, mixing, the phantom set); `deriveSeed` is that stream's first output as a
 *   31-bit seed, which the trainer hands to tfjs and to the pipeline ('init', 'data', 'split').
 * - `layerSeed`: FNV-1a over the UTF-8 bytes of `${seed}:${purpose}` and a murmur3 finaliser;
 *   @cxr/models gives each initialiser and dropout layer its own seed with it.
 *
 * `splitmix32` and `xoshiro128ss` are the generator's parts, shared with @cxr/stats' bootstrap
 * sampler.
 */

import { argumentMessage, CxrError } from './cxr-error.ts';

/** Four 32-bit words of xoshiro128** state. */
export type SeedState = [number, number, number, number];

/** FNV-1a 32-bit over a string's UTF-16 code units or over bytes. */
function fnv1a(units: string | Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < units.length; i++) {
    const unit = typeof units === 'string' ? units.charCodeAt(i) : units[i]!;
    h = Math.imul(h ^ unit, 0x01000193) >>> 0;
  }
  return h;
}

/** murmur3's 32-bit finaliser (also splitmix32's output mix). */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * One splitmix32 step: the next counter and a well-mixed 32-bit output.
 *
 * @example splitmix32(0) // [0x9e3779b9, fmix32(0x9e3779b9)]
 */
export function splitmix32(x: number): [next: number, out: number] {
  const next = (x + 0x9e3779b9) >>> 0;
  return [next, fmix32(next)];
}

/**
 * One xoshiro128** step (Blackman & Vigna 2018): advances `s` (four 32-bit words) in place and
 * returns the next unsigned 32-bit output. Cost: O(1).
 */
export function xoshiro128ss(s: Uint32Array): number {
  const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
  const t = s[1]! << 9;
  s[2]! ^= s[0]!;
  s[3]! ^= s[1]!;
  s[1]! ^= s[2]!;
  s[0]! ^= s[3]!;
  s[2]! ^= t;
  s[3] = rotl(s[3]!, 11);
  return result;
}

function checkSeed(fn: string, seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new CxrError(argumentMessage(fn, 'seed', 'a non-negative safe integer', seed));
}

/**
 * The xoshiro128** state of the stream for `(seed, purpose)`: FNV-1a of `purpose` xored with the
 * seed's low word and its multiplied high word, then four splitmix32 outputs. Used by @cxr/data's
 * `createRng`. Throws CxrError when seed is not a non-negative safe integer.
 *
 * @example rngSeedState(42, 'init') // the same four words on every machine
 */
export function rngSeedState(seed: number, purpose = ''): SeedState {
  checkSeed('rngSeedState', seed);
  let x = (fnv1a(purpose) ^ (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296), 0x27d4eb2d)) >>> 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [nx, out] = splitmix32(x);
    x = nx;
    words.push(out);
  }
  return words as SeedState;
}

/**
 * A 31-bit integer seed derived from `(seed, purpose)`, for APIs that take a plain seed (tfjs
 * initialisers, the data pipeline, the split): the first output of `createRng(seed, purpose)`
 * shifted right by one. Throws CxrError when seed is not a non-negative safe integer.
 *
 * @example deriveSeed(1, 'init') // 1124568583
 */
export function deriveSeed(seed: number, purpose: string): number {
  checkSeed('deriveSeed', seed);
  return xoshiro128ss(Uint32Array.from(rngSeedState(seed, purpose))) >>> 1;
}

/**
 * 31-bit seed for a model layer: FNV-1a over the UTF-8 bytes of `${seed}:${purpose}`, then the
 * murmur3 finaliser so neighbouring seeds spread over the whole range. Used by @cxr/models for
 * per-layer initialiser and dropout seeds, so a layer's initial weights do not depend on how many
 * other layers were built before it. Cost: O(purpose length).
 *
 * @example layerSeed(123, 'Conv1') // 74087119
 */
export function layerSeed(seed: number, purpose: string): number {
  return fmix32(fnv1a(new TextEncoder().encode(`${seed}:${purpose}`))) & 0x7fffffff;
}
