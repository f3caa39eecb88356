// Test helpers for the wasm kernels: seeded random inputs and a gradient comparison against the
// cpu backend (tests only; excluded from Nx's production inputs).
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@cxr/data';
import { expectClose } from '@cxr/testkit';
import { runOnBackend } from '../run-on-backend.ts';

export interface RandomInput {
  v: Float32Array;
  shape: number[];
}

/** `offset + scale * N(0, 1)` values of the given shape, drawn from `rng`. */
export function randomInput(rng: Rng, shape: number[], scale = 1, offset = 0): RandomInput {
  const v = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < v.length; i++) v[i] = offset + scale * rng.normal(0, 1);
  return { v, shape };
}

/**
 * f's value and its gradients with respect to every input on the cpu and the wasm backend agree
 * within relTol of the largest reference magnitude (at least 1), and wasm leaks no tensors.
 */
export async function compareGradsWithCpu(
  what: string,
  inputs: RandomInput[],
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  relTol: number,
): Promise<void> {
  const run = () => {
    const xs = inputs.map((i) => tf.tensor(i.v, i.shape));
    const { value, grads } = tf.valueAndGrads(f)(xs);
    return [value, ...grads];
  };
  const cpu = await runOnBackend('cpu', run);
  const before = tf.memory().numTensors;
  const wasm = await runOnBackend('wasm', run);
  assert.equal(tf.memory().numTensors, before, `${what}: tensors leaked`);
  for (let i = 0; i < cpu.length; i++) {
    const scale = Math.max(1, ...Array.from(cpu[i]!, Math.abs));
    expectClose(wasm[i]!, cpu[i]!, relTol * scale, `${what} output ${i}`);
  }
}
