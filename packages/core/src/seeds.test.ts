import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CxrError, deriveSeed, layerSeed, rngSeedState, splitmix32, xoshiro128ss } from './index.ts';

// Recorded from the code before it moved here (data's deriveSeed and createRng, models' layerSeed):
// every run's numbers depend on these staying bit for bit the same.
const cases: [seed: number, purpose: string, deriveSeed: number, layerSeed: number, firstThree: [number, number, number]][] = [
  [0, '', 1020276563, 1923180768, [2040553127, 2671230994, 3535833209]],
  [1, 'init', 1124568583, 2011392964, [2249137167, 1535714169, 3376377916]],
  [42, 'data', 1833575086, 772186462, [3667150172, 477309370, 797123962]],
  [7, 'split', 1419057103, 270342839, [2838114207, 3080159699, 2899500932]],
  [2 ** 40 + 3, 'order/epoch-3', 1617814753, 1744504478, [3235629506, 2630519111, 1167463102]],
  [123, 'Conv1', 1935691765, 74087119, [3871383531, 3794540379, 4032376298]],
  [5, 'dropout:head_dropout_1', 2132600757, 1309301819, [4265201514, 2944146246, 3783624070]],
  [9, 'ünï€😀', 662120012, 277431553, [1324240025, 1445965410, 725475189]],
];

test('deriveSeed, layerSeed and the stream state give the recorded numbers', () => {
  for (const [seed, purpose, derived, layer, firstThree] of cases) {
    assert.equal(deriveSeed(seed, purpose), derived, `deriveSeed(${seed}, ${purpose})`);
    assert.equal(layerSeed(seed, purpose), layer, `layerSeed(${seed}, ${purpose})`);
    const state = Uint32Array.from(rngSeedState(seed, purpose));
    assert.deepEqual([xoshiro128ss(state), xoshiro128ss(state), xoshiro128ss(state)], firstThree);
  }
});

test('splitmix32 advances by the golden ratio; seeds must be non-negative safe integers', () => {
  assert.equal(splitmix32(0)[0], 0x9e3779b9);
  assert.equal(splitmix32(0xffffffff)[0], 0x9e3779b8);
  assert.throws(
    () => deriveSeed(-1, 'x'),
    (e: unknown) => e instanceof CxrError && /^deriveSeed\(seed\): expected a non-negative safe integer, received -1$/.test(e.message),
  );
  assert.throws(() => rngSeedState(0.5), CxrError);
});

test('layerSeed: deterministic, 31-bit, and different across seeds and names', () => {
  assert.equal(layerSeed(1, 'Conv1'), layerSeed(1, 'Conv1'));
  const seeds = new Set<number>();
  for (let s = 0; s < 50; s++) for (const n of ['Conv1', 'Conv_1', 'block_1_expand', 'head_logits']) seeds.add(layerSeed(s, n));
  assert.equal(seeds.size, 200);
  for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 31);
});
