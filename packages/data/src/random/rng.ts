import { rngSeedState, xoshiro128ss, type SeedState } from '@cxr/core';
import { DataArgumentError } from '../errors.ts';

/** A serialisable snapshot of a stream (four 32-bit words of xoshiro128** state). */
export type RngState = SeedState;

/**
 * A seeded pseudo-random stream (xoshiro128**, Blackman & Vigna 2018), 32-bit state words so it is
 * exact in JavaScript. Every random choice of a run draws from a stream made by `createRng(seed,
 * purpose)`, so streams of different purposes never interleave and results do not depend on call
 * order across purposes.
 */
export class Rng {
  private s: Uint32Array;

  constructor(state: RngState) {
    this.s = Uint32Array.from(state);
    if (this.s.every((w) => w === 0)) this.s[0] = 1; // the all-zero state is a fixed point
  }

  /** The next 32-bit unsigned integer (one xoshiro128** step of @cxr/core). */
  nextUint32(): number {
    return xoshiro128ss(this.s);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n); throws on n < 1. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1) throw new DataArgumentError('Rng.int', 'n', 'an integer >= 1', n);
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller; one value per call, so the stream position is predictable). */
  normal(mean = 0, sd = 1): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the boost u^(1/shape). */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new DataArgumentError('Rng.gamma', 'shape', 'a number > 0', shape);
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.next() || Number.MIN_VALUE, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** A copy of the current state, for checkpoints. */
  state(): RngState {
    return [this.s[0]!, this.s[1]!, this.s[2]!, this.s[3]!];
  }
}

/**
 * The stream for one purpose of one run: `createRng(seed, 'order/epoch-3')`. Same (seed, purpose)
 * -> same numbers; any other purpose -> an independent-looking stream. The start state is
 * @cxr/core's `rngSeedState(seed, purpose)`, whose first output is also `deriveSeed(seed, purpose)`.
 *
 * Throws DataArgumentError when seed is not a safe non-negative integer.
 * @example createRng(42, 'init').next() // the same value on every machine
 */
export function createRng(seed: number, purpose = ''): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new DataArgumentError('createRng', 'seed', 'a non-negative safe integer', seed);
  return new Rng(rngSeedState(seed, purpose));
}

/** Rebuilds a stream from a saved `state()`. */
export function rngFromState(state: RngState): Rng {
  if (!Array.isArray(state) || state.length !== 4 || !state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
    throw new DataArgumentError('rngFromState', 'state', 'four unsigned 32-bit integers', state);
  }
  return new Rng(state);
}
