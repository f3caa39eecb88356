// Each wasm training kernel against the cpu backend on random inputs (reference: tfjs-backend-cpu
// 4.22's own kernels), through tf.grad so the engine's real call path is exercised.
import { describe, test, before } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@cxr/data';
import { expectClose } from '@cxr/testkit';
import { selectBackend } from '../select-backend.ts';
import { runOnBackend } from '../run-on-backend.ts';
import { compareGradsWithCpu, randomInput, type RandomInput } from './testing.ts';

const rng = createRng(8, 'wasm-conv-kernel-tests');
const random = (shape: number[]) => randomInput(rng, shape);

/** Both backends' gradients agree within relTol of the largest reference magnitude. */
const compareGrads = (what: string, inputs: RandomInput[], f: (...xs: tf.Tensor[]) => tf.Tensor, relTol = 2e-5) =>
  compareGradsWithCpu(what, inputs, f, relTol);

describe('wasm training kernels vs cpu', () => {
  before(async () => {
    await selectBackend('cpu');
    await selectBackend('wasm');
  });

  const convCases: [number, number, number, number, 1 | 2, 'same' | 'valid'][] = [
    // [size, kernel, inC, outC, stride, pad]
    [7, 3, 3, 5, 1, 'same'],
    [7, 3, 4, 6, 2, 'same'],
    [8, 3, 4, 6, 2, 'same'],
    [8, 3, 5, 3, 1, 'valid'],
    [9, 3, 5, 3, 2, 'valid'],
    [6, 1, 8, 5, 1, 'same'],
    [6, 1, 8, 5, 2, 'valid'],
    [9, 7, 3, 4, 2, 'same'],
  ];
  for (const [size, k, inC, outC, stride, pad] of convCases) {
    test(`conv2d ${k}x${k} stride ${stride} ${pad} (${inC}->${outC}, ${size}px): dx, dW`, async () => {
      const x = random([2, size, size, inC]);
      const w = random([k, k, inC, outC]);
      const outSize = pad === 'same' ? Math.ceil(size / stride) : Math.ceil((size - k + 1) / stride);
      const r = random([2, outSize, outSize, outC]);
      await compareGrads('conv2d', [x, w], (xt, wt) =>
        tf.sum(tf.mul(tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, stride, pad), r.v.length ? tf.tensor(r.v, r.shape) : 0)),
      );
    });
  }

  test('fused conv2d with bias and relu (the layers path): dx, dW, db', async () => {
    const x = random([2, 8, 8, 4]);
    const w = random([3, 3, 4, 6]);
    const bias = random([6]);
    await compareGrads('fused conv2d', [x, w, bias], (xt, wt, bt) =>
      tf.sum(
        tf.square(
          tf.fused.conv2d({ x: xt as tf.Tensor4D, filter: wt as tf.Tensor4D, bias: bt, strides: 2, pad: 'same', activation: 'relu' }),
        ),
      ),
    );
  });

  test('conv2d over chunked batches (large im2col) matches', async () => {
    const x = random([3, 20, 20, 16]);
    const w = random([3, 3, 16, 4]);
    // Force several chunks by a tiny per-call limit is internal; a 3-image batch with big patches
    // still goes through the single-chunk path, so this checks numerics at a larger size.
    await compareGrads(
      'conv2d large',
      [x, w],
      (xt, wt) => tf.sum(tf.square(tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, 1, 'same'))),
      5e-5,
    );
  });

  const dwCases: [number, number, number, number, 1 | 2, 'same' | 'valid', number][] = [
    // [size, kernel, channels, multiplier, stride, pad, dilation]
    [7, 3, 5, 1, 1, 'same', 1],
    // 13 output columns: three four-column groups (edges included) and one left over
    [13, 3, 6, 1, 1, 'same', 1],
    [17, 3, 6, 1, 2, 'valid', 1],
    [8, 3, 5, 1, 2, 'same', 1],
    [7, 3, 5, 1, 2, 'same', 1],
    [9, 5, 4, 1, 2, 'same', 1],
    [8, 3, 3, 2, 1, 'valid', 1],
    [9, 3, 3, 3, 2, 'valid', 1],
    [9, 3, 4, 1, 1, 'same', 2],
    [10, 3, 2, 2, 1, 'valid', 2],
  ];
  for (const [size, k, c, mult, stride, pad, dil] of dwCases) {
    test(`depthwise ${k}x${k} stride ${stride} ${pad} dilation ${dil} multiplier ${mult}: dx, dW`, async () => {
      const x = random([2, size, size, c]);
      const w = random([k, k, c, mult]);
      if (dil === 1) {
        await compareGrads('depthwise', [x, w], (xt, wt) =>
          tf.sum(tf.square(tf.depthwiseConv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, stride, pad, 'NHWC', dil))),
        );
        return;
      }
      // tfjs' gradient of depthwiseConv2d refuses dilation > 1 and the cpu kernels ignore it, so
      // the reference is the same convolution with an enlarged filter holding zeros between taps.
      const outSize = pad === 'same' ? size : size - (k - 1) * dil;
      const dy = random([2, outSize, outSize, c * mult]);
      const big = (k - 1) * dil + 1;
      const wBig = new Float32Array(big * big * c * mult);
      const tap = (kh: number, kw: number) => (kh * dil * big + kw * dil) * c * mult;
      for (let kh = 0; kh < k; kh++)
        for (let kw = 0; kw < k; kw++) for (let j = 0; j < c * mult; j++) wBig[tap(kh, kw) + j] = w.v[(kh * k + kw) * c * mult + j]!;
      const run = (wv: Float32Array, ws: number[], dilations: number) => () => {
        const attrs = { strides: stride, pad, dilations };
        const xt = tf.tensor(x.v, x.shape);
        const dyt = tf.tensor(dy.v, dy.shape);
        const dW = tf
          .engine()
          .runKernel('DepthwiseConv2dNativeBackpropFilter', { x: xt, dy: dyt }, { ...attrs, filterShape: ws }) as tf.Tensor;
        const dX = tf
          .engine()
          .runKernel(
            'DepthwiseConv2dNativeBackpropInput',
            { dy: dyt, filter: tf.tensor(wv, ws) },
            { ...attrs, inputShape: x.shape },
          ) as tf.Tensor;
        return [dW, dX];
      };
      const [dWBig, dXRef] = await runOnBackend('cpu', run(wBig, [big, big, c, mult], 1));
      const dWRef = new Float32Array(w.v.length);
      for (let kh = 0; kh < k; kh++)
        for (let kw = 0; kw < k; kw++) for (let j = 0; j < c * mult; j++) dWRef[(kh * k + kw) * c * mult + j] = dWBig![tap(kh, kw) + j]!;
      const [dW, dX] = await runOnBackend('wasm', run(w.v, w.shape, dil));
      for (const [got, ref, what] of [
        [dW!, dWRef, 'dW'],
        [dX!, dXRef!, 'dX'],
      ] as const) {
        expectClose(got, ref, 2e-5 * Math.max(1, ...Array.from(ref, Math.abs)), `dilated depthwise ${what}`);
      }
    });
  }

  const poolCases: [number, number, number, 'same' | 'valid'][] = [
    [8, 2, 2, 'valid'],
    [7, 2, 2, 'same'],
    [9, 3, 2, 'same'],
    [8, 3, 1, 'same'],
  ];
  for (const [size, k, stride, pad] of poolCases) {
    // The wasm backend's own MaxPoolGrad disagrees with cpu in tfjs 4.22; ours replaces it.
    test(`maxPool ${k}x${k} stride ${stride} ${pad} and avgPool: dx`, async () => {
      const x = random([2, size, size, 3]);
      await compareGrads('maxPool', [x], (xt) => tf.sum(tf.square(tf.maxPool(xt as tf.Tensor4D, k, stride, pad))));
      await compareGrads('avgPool', [x], (xt) => tf.sum(tf.square(tf.avgPool(xt as tf.Tensor4D, k, stride, pad))));
    });
  }
});
