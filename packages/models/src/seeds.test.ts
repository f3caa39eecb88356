import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { layerSeed } from './seeds.ts';

describe('layerSeed', () => {
  test('deterministic, 31-bit, and different across seeds and names', () => {
    assert.equal(layerSeed(1, 'Conv1'), layerSeed(1, 'Conv1'));
    const seeds = new Set<number>();
    for (let s = 0; s < 50; s++) for (const n of ['Conv1', 'Conv_1', 'block_1_expand', 'head_logits']) seeds.add(layerSeed(s, n));
    assert.equal(seeds.size, 200);
    for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 31);
  });
});
