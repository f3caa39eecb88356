// The wasm BatchMatMul replacement (explicit transposes, then XNNPACK) against the cpu backend,
// for every transpose combination, batch dims with broadcasting, and a dense layer's gradient.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getKernel } from '@tensorflow/tfjs-core';
import { createRng } from '@cxr/data';
import { expectClose } from '@cxr/testkit';
import { selectBackend } from '../select-backend.ts';
import { runOnBackend } from '../run-on-backend.ts';
import { batchMatMulConfig } from './batch-mat-mul.ts';

const rng = createRng(8, 'wasm-batch-mat-mul-tests');
const values = (n: number) => Float32Array.from({ length: n }, () => rng.normal(0, 1));

describe('BatchMatMul on wasm with transposed operands', () => {
  before(async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
  });

  test("is this project's kernel once wasm is selected", () => {
    assert.equal(getKernel('BatchMatMul', 'wasm')?.kernelFunc, batchMatMulConfig.kernelFunc);
  });

  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    test(`transposeA=${ta} transposeB=${tb}: equals cpu, batch 3 and a broadcast batch of 1`, async () => {
      const aShape = ta ? [3, 7, 5] : [3, 5, 7];
      const bShape = tb ? [1, 4, 7] : [1, 7, 4];
      const a = values(105);
      const b = values(28);
      const run = () => [tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), ta, tb)];
      const [cpu] = await runOnBackend('cpu', run);
      const before = tf.memory().numTensors;
      const [wasm] = await runOnBackend('wasm', run);
      assert.equal(tf.memory().numTensors, before, 'no tensors leaked');
      expectClose(wasm!, cpu!, 1e-5 * Math.max(...Array.from(cpu!, Math.abs)), `matMul ${ta} ${tb}`);
    });
  }

  test("a dense layer's weight gradient (x^T . dy, the transposeA case) equals cpu", async () => {
    const x = values(32 * 40);
    const w = values(40 * 12);
    const run = () => {
      const { grads } = tf.valueAndGrads((xt: tf.Tensor, wt: tf.Tensor) => tf.sum(tf.square(tf.matMul(xt, wt))))([
        tf.tensor(x, [32, 40]),
        tf.tensor(w, [40, 12]),
      ]);
      return grads;
    };
    const cpu = await runOnBackend('cpu', run);
    const wasm = await runOnBackend('wasm', run);
    for (let i = 0; i < 2; i++) expectClose(wasm[i]!, cpu[i]!, 1e-5 * Math.max(...Array.from(cpu[i]!, Math.abs)), `dense grad ${i}`);
  });
});
