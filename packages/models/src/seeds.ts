/**
 * Per-layer seeds. Every random initialiser and dropout layer gets its own 31-bit seed derived
 * from the model seed and the layer's (Keras) name, so a layer's initial weights do not depend on
 * how many other layers were built before it, and the same (seed, architecture) always gives the
 * same weights.
 */

/**
 * 31-bit seed for `(seed, purpose)`: FNV-1a over the UTF-8 bytes of `${seed}:${purpose}`, then a
 * murmur3 finaliser so neighbouring seeds spread over the whole range. Cost: O(purpose length).
 *
 * @example layerSeed(1, 'Conv1') === layerSeed(1, 'Conv1') // true; layerSeed(2, 'Conv1') differs
 */
export function layerSeed(seed: number, purpose: string): number {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(`${seed}:${purpose}`);
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x7fffffff;
}
