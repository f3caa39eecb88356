import { splitmix32, xoshiro128ss } from '@cxr/core';

/**
 * A seeded uniform integer sampler (xoshiro128**, state filled by splitmix32 from the seed; both
 * from @cxr/core, the generator @cxr/data's streams use). @cxr/stats may not import @cxr/data, and
 * its state is seeded from the plain seed (not by purpose), so the bootstrap keeps its own sampler;
 * same seed, same resamples, on every platform.
 */
export function seededIndexSampler(seed: number): (n: number) => number {
  const s = new Uint32Array(4);
  let x = seed >>> 0;
  for (let i = 0; i < 4; i++) [x, s[i]] = splitmix32(x);
  return (n: number): number => Math.floor((xoshiro128ss(s) / 4294967296) * n);
}
