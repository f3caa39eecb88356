import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@cxr/testkit';
import { focalLoss, posWeightBce, weightedBce } from './losses.ts';
import { buildLoss, DEFAULT_LOSS } from './registry.ts';
import { classBalancedWeights, inversePrevalenceWeights, positiveClassWeights } from './label-weights.ts';
import { labelCounts } from './label-counts.ts';

/*
 * Reference values: the per-element formulas of thesis eq. 22 and 25-26 written directly in
 * float64 JavaScript (log1p/exp), independent of the softplus-based tfjs code under test.
 * Gradients: central finite differences of that float64 reference, step 1e-6.
 */
const softplus64 = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const sigmoid64 = (z: number) => 1 / (1 + Math.exp(-z));

type Elem = (z: number, y: number, i: number) => number;
function meanLoss(elem: Elem, z: number[][], y: number[][], m?: number[][]): number {
  let s = 0;
  let c = 0;
  z.forEach((row, n) =>
    row.forEach((zi, i) => {
      const w = m ? m[n]![i]! : 1;
      s += w * elem(zi, y[n]![i]!, i);
      c += w;
    }),
  );
  return s / Math.max(c, 1);
}
function finiteDiff(elem: Elem, z: number[][], y: number[][], m?: number[][]): number[] {
  const h = 1e-6;
  const out: number[] = [];
  z.forEach((row, n) =>
    row.forEach((_, i) => {
      const plus = z.map((r) => r.slice());
      const minus = z.map((r) => r.slice());
      plus[n]![i]! += h;
      minus[n]![i]! -= h;
      out.push((meanLoss(elem, plus, y, m) - meanLoss(elem, minus, y, m)) / (2 * h));
    }),
  );
  return out;
}
function tfGrad(f: (z: tf.Tensor2D) => tf.Scalar, z: number[][]): { value: number; grad: number[] } {
  return tf.tidy(() => {
    const zt = tf.tensor2d(z);
    const { value, grad } = tf.valueAndGrad(f)(zt);
    return { value: value.dataSync()[0]!, grad: Array.from(grad.dataSync()) };
  });
}

const Z = [
  [-3.2, 0.4, 7.5],
  [1.1, -0.7, -12.0],
  [0.05, 2.5, -1.6],
];
const Y = [
  [0, 1, 1],
  [0.3, 0, 1],
  [1, 0.8, 0],
]; // soft targets as MixUp/CutMix produce
const M = [
  [1, 1, 0],
  [1, 0, 1],
  [1, 1, 1],
];
const W = Float32Array.of(0.5, 1.7, 0.8);

describe('losses', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  const cases: { name: string; elem: Elem; f: (z: tf.Tensor2D, y: tf.Tensor2D, m: tf.Tensor2D | null) => tf.Scalar }[] = [
    {
      name: 'weighted BCE (eq. 22)',
      elem: (z, y, i) => W[i]! * (Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)))),
      f: (z, y, m) => weightedBce(z, y, W, m),
    },
    {
      name: 'positive-weight BCE',
      elem: (z, y, i) => -(W[i]! * y * Math.log(sigmoid64(z)) + (1 - y) * Math.log(1 - sigmoid64(z))),
      f: (z, y, m) => posWeightBce(z, y, W, m),
    },
    {
      name: 'focal (eq. 25, alpha 0.2, gamma 2.5)',
      elem: (z, y) => {
        const p = sigmoid64(z);
        return 0.2 * y * Math.pow(1 - p, 2.5) * softplus64(-z) + 0.8 * (1 - y) * Math.pow(p, 2.5) * softplus64(z);
      },
      f: (z, y, m) => focalLoss(z, y, { alpha: 0.2, gamma: 2.5 }, m),
    },
    {
      name: 'class-balanced focal (eq. 26, gamma 2)',
      elem: (z, y, i) => {
        const p = sigmoid64(z);
        return W[i]! * (y * Math.pow(1 - p, 2) * softplus64(-z) + (1 - y) * Math.pow(p, 2) * softplus64(z));
      },
      f: (z, y, m) => focalLoss(z, y, { alpha: null, gamma: 2, labelWeights: W }, m),
    },
  ];
  for (const c of cases) {
    for (const masked of [false, true]) {
      test(`${c.name}${masked ? ' with a mask' : ''}: value and gradient match float64 reference and finite differences`, () => {
        const before = tf.memory().numTensors;
        const yT = tf.tensor2d(Y);
        const mT = masked ? tf.tensor2d(M) : null;
        const { value, grad } = tfGrad((z) => c.f(z, yT, mT), Z);
        yT.dispose();
        mT?.dispose();
        expectClose(value, meanLoss(c.elem, Z, Y, masked ? M : undefined), 1e-5, 'loss');
        expectClose(grad, finiteDiff(c.elem, Z, Y, masked ? M : undefined), 2e-5, 'gradient');
        if (masked) {
          // masked entries get no gradient at all
          M.flat().forEach((m, j) => {
            if (m === 0) assert.equal(grad[j], 0);
          });
        }
        assert.equal(tf.memory().numTensors, before, 'no leaked tensors');
      });
    }
  }

  test('losses stay finite with huge logits and a fully masked batch gives 0', () => {
    tf.tidy(() => {
      const z = tf.tensor2d([[1e4, -1e4, 88, -88]]);
      const y = tf.tensor2d([[0, 1, 0.5, 0.5]]);
      for (const l of [weightedBce(z, y), posWeightBce(z, y, Float32Array.of(1, 2, 3, 4)), focalLoss(z, y, { alpha: 0.2, gamma: 2.5 })]) {
        assert.ok(Number.isFinite(l.dataSync()[0]!), `finite: ${l.dataSync()[0]}`);
      }
      const g = tf.grad((zz: tf.Tensor) => focalLoss(zz as tf.Tensor2D, y, { alpha: 0.2, gamma: 2.5 }))(z);
      assert.ok(Array.from(g.dataSync()).every(Number.isFinite));
      expectClose(weightedBce(z, y, null, tf.zeros([1, 4])).dataSync()[0]!, 0, 0);
      // eq. 22 at z = 1e4, y = 0 is 1e4 exactly (softplus(z) - 0)
      expectClose(weightedBce(tf.tensor2d([[1e4]]), tf.tensor2d([[0]])).dataSync()[0]!, 1e4, 1e-2);
    });
  });

  test('shape and parameter errors name the function, argument and what arrived', () => {
    tf.tidy(() => {
      const z = tf.zeros([2, 3]) as tf.Tensor2D;
      assert.throws(
        () => weightedBce(z, tf.zeros([2, 2]) as tf.Tensor2D),
        /weightedBce\(targets\): expected shape \[2, 3\] like logits, received "shape \[2, 2\]"/,
      );
      assert.throws(
        () => weightedBce(z, z, Float32Array.of(1)),
        /weightedBce\(weights\): expected 3 values \(one per label\), received a Float32Array of length 1/,
      );
      assert.throws(
        () => posWeightBce(z, z, Float32Array.of(1, 1, 1), tf.zeros([3, 3]) as tf.Tensor2D),
        /posWeightBce\(mask\): expected shape \[2, 3\]/,
      );
      assert.throws(() => weightedBce(tf.zeros([3]) as unknown as tf.Tensor2D, z), /weightedBce\(logits\): expected a rank-2 tensor/);
      assert.throws(() => focalLoss(z, z, { alpha: 0.2, gamma: -1 }), /focalLoss\(gamma\): expected a number >= 0, received -1/);
      assert.throws(
        () => focalLoss(z, z, { alpha: 1.5, gamma: 2 }),
        /focalLoss\(alpha\): expected null or a number in \[0, 1\], received 1.5/,
      );
    });
  });
});

describe('label weights', () => {
  const counts = labelCounts([Float32Array.of(1, 1, 0), Float32Array.of(0, 1, 0), Float32Array.of(0, 1, 0), Float32Array.of(0, 0, 0)]);

  test('labelCounts sums soft positives and skips masked entries', () => {
    assert.deepEqual(counts, { positives: [1, 3, 0], totals: [4, 4, 4] });
    const masked = labelCounts([Float32Array.of(0.5, 1), Float32Array.of(1, 1)], [Float32Array.of(1, 0), Float32Array.of(1, 1)]);
    assert.deepEqual(masked, { positives: [1.5, 1], totals: [2, 1] });
    assert.throws(() => labelCounts([]), /labelCounts\(targets\): expected at least one row, received an array of length 0/);
    assert.throws(() => labelCounts([Float32Array.of(1), Float32Array.of(1, 2)]), /labelCounts\(targets\[1\]\): expected 1 values/);
  });

  test('inverse-prevalence weights have mean 1 and ratio 1/prevalence (eq. 24)', () => {
    // prevalences 1/4, 3/4, 0 (counted as 1/4): raw 4, 4/3, 4 -> mean 28/9
    expectClose(inversePrevalenceWeights(counts), [4 / (28 / 9), 4 / 3 / (28 / 9), 4 / (28 / 9)], 1e-6);
    assert.throws(
      () => inversePrevalenceWeights({ positives: [1], totals: [0] }),
      /inversePrevalenceWeights\(counts.totals\[0\]\): expected a count > 0, received 0/,
    );
  });

  test('positive-class weights are negatives over positives', () => {
    expectClose(positiveClassWeights(counts), [3, 1 / 3, 4], 1e-6);
  });

  test('class-balanced weights follow the effective number (1-β)/(1-β^n), mean 1 (eq. 26)', () => {
    // β = 0.5: n = 1, 3, 1 -> 1, 0.5/0.875 = 4/7, 1 -> mean (2 + 4/7)/3 = 6/7
    expectClose(classBalancedWeights(counts, 0.5), [7 / 6, (4 / 7) * (7 / 6), 7 / 6], 1e-6);
    assert.throws(() => classBalancedWeights(counts, 1), /classBalancedWeights\(beta\): expected a number in \[0, 1\), received 1/);
  });

  test('buildLoss binds weights and rejects an unknown name listing the valid ones', () => {
    assert.equal(buildLoss({ ...DEFAULT_LOSS }, counts).weights!.length, 3);
    assert.equal(buildLoss({ ...DEFAULT_LOSS, name: 'focal' }, counts).weights, null);
    assert.equal(buildLoss({ ...DEFAULT_LOSS, name: 'cb-focal' }, counts).name, 'cb-focal');
    assert.throws(
      () => buildLoss({ ...DEFAULT_LOSS, name: 'bce' as never }, counts),
      /buildLoss\(config.name\): expected one of weighted-bce, pos-weight-bce, focal, cb-focal, received "bce"/,
    );
  });
});
