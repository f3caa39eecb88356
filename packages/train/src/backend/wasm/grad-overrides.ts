// Cheaper gradients on wasm for the ops every backbone uses (batch norm, its moments, ReLU/ReLU6,
// sigmoid/swish, multiply). The gradient registry is global, so each override wraps tfjs' own
// gradient and uses the fused kernel only when the current backend is wasm and the shapes fit;
// otherwise (other backends, unusual broadcasts) the original gradient runs unchanged.
import {
  engine,
  getBackend,
  getGradient,
  mul,
  registerGradient,
  reshape,
  type GradConfig,
  type GradFunc,
  type NamedAttrMap,
  type Tensor,
} from '@tensorflow/tfjs-core';
import { blockView } from './block-view.ts';
import { fusedGradKernelNames as K } from './fused-grad-kernels.ts';

type NamedGradientMap = Record<string, () => Tensor>;
type FastGrad = (dy: Tensor, saved: Tensor[], attrs: NamedAttrMap) => NamedGradientMap | null;

const run = (name: string, inputs: Record<string, Tensor>, attrs: NamedAttrMap = {}) =>
  engine().runKernel(name, inputs, attrs) as unknown as Tensor | Tensor[];

const allFloat = (...ts: (Tensor | undefined)[]) => ts.every((t) => t == null || t.dtype === 'float32');

const batchNorm: FastGrad = (dy, saved, attrs) => {
  const [x, mean, variance, scale] = saved as [Tensor, Tensor, Tensor, Tensor | undefined];
  const c = x.shape[x.rank - 1]!;
  const perChannel = (t: Tensor) => t.size === c && t.shape.slice(0, -1).every((d) => d === 1);
  if (!perChannel(mean) || !perChannel(variance) || (scale != null && scale.size !== 1 && !perChannel(scale))) return null;
  if (!allFloat(x, mean, variance, scale, dy)) return null;
  const inputs: Record<string, Tensor> = { x, dy, mean, variance };
  if (scale != null) inputs['scale'] = scale;
  const [dx, dMean, dVar, dScale, dOffset] = run(K.batchNormGrad, inputs, {
    varianceEpsilon: attrs['varianceEpsilon'] as number,
  }) as Tensor[];
  return {
    x: () => dx!,
    mean: () => reshape(dMean!, mean.shape),
    variance: () => reshape(dVar!, variance.shape),
    scale: () => (scale != null && scale.size === 1 ? dScale!.sum().reshape(scale.shape) : reshape(dScale!, scale?.shape ?? [c])),
    offset: () => reshape(dOffset!, mean.shape),
  };
};

/** Mean and Sum: broadcast dy back over the reduced block in one pass. */
const reduceGrad =
  (isMean: boolean): FastGrad =>
  (dy, saved, attrs) => {
    const [x] = saved as [Tensor];
    const rank = x.rank;
    const axisAttr = attrs['axis'] as number | number[] | null | undefined;
    const axes = (axisAttr == null ? [...Array(rank).keys()] : Array.isArray(axisAttr) ? axisAttr : [axisAttr]).map((a) =>
      a < 0 ? a + rank : a,
    );
    const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const view = blockView(x.shape, kept);
    if (view == null || !allFloat(dy)) return null;
    const [A, B, C] = view;
    const k = isMean ? 1 / B : 1;
    return { x: () => run(K.broadcastBlock, { small: dy }, { shape: x.shape, A, B, C, k }) as Tensor };
  };

const mask =
  (lo: number, hi: number, loInclusive: boolean, hiInclusive: boolean): FastGrad =>
  (dy, saved) => {
    const [x] = saved as [Tensor];
    if (!allFloat(x, dy)) return null;
    return { x: () => run(K.maskGrad, { x, dy }, { lo, hi, loInclusive, hiInclusive }) as Tensor };
  };

const clipGrad: FastGrad = (dy, saved, attrs) =>
  mask(attrs['clipValueMin'] as number, attrs['clipValueMax'] as number, true, true)(dy, saved, attrs);

const sigmoid: FastGrad = (dy, saved) => {
  const [y] = saved as [Tensor];
  if (!allFloat(y, dy)) return null;
  return { x: () => run(K.sigmoidGrad, { y, dy }) as Tensor };
};

const square: FastGrad = (dy, saved) => {
  const [x] = saved as [Tensor];
  if (!allFloat(x, dy)) return null;
  return { x: () => run(K.scaledProduct, { x, dy }, { k: 2 }) as Tensor };
};

const multiply: FastGrad = (dy, saved) => {
  const [a, b] = saved as [Tensor, Tensor];
  if (!allFloat(a, b, dy)) return null;
  // Same shapes (swish's x * sigmoid(x)): tfjs' own gradient is two wasm Multiply kernels
  // (XNNPACK, ~0.2 ns per value), far cheaper than a JS loop.
  if (a.size === b.size) return null;
  const aFull = a.size >= b.size;
  const [full, small] = aFull ? [a, b] : [b, a];
  if (full.size !== dy.size) return null;
  const view = blockView(full.shape, small.shape);
  if (view == null) return null;
  const [A, B, C] = view;
  // Each side only when asked for: a constant factor (swish's alpha, a loss weight) needs none.
  // The full side is a broadcast product, which the wasm Multiply kernel does well.
  const dFullShaped = () => mul(dy, small);
  const dSmallShaped = () => reshape(run(K.mulGradSmall, { full, dy }, { A, B, C }) as Tensor, small.shape);
  return aFull ? { a: dFullShaped, b: dSmallShaped } : { a: dSmallShaped, b: dFullShaped };
};

/** Cast to the same dtype and Identity: pass dy on without a copy. */
const passThrough: FastGrad = (dy) => (dy.dtype === 'float32' ? { x: () => reshape(dy, dy.shape) } : null);

const overrides: Record<string, FastGrad> = {
  FusedBatchNorm: batchNorm,
  Mean: reduceGrad(true),
  Sum: reduceGrad(false),
  Relu: mask(0, Infinity, false, false),
  Relu6: mask(0, 6, false, true),
  ClipByValue: clipGrad,
  Sigmoid: sigmoid,
  Square: square,
  Multiply: multiply,
  Cast: passThrough,
  Identity: passThrough,
};

const marker = Symbol.for('cxr.wasmGradOverride');
type MarkedFunc = GradFunc & { [marker]?: GradConfig };

/** The wrapper made for each kernel, reused when the overrides are installed again. */
const wrappers = new Map<string, GradConfig>();

/**
 * Installs the wasm gradient overrides (idempotent). Each wrapper falls back to tfjs' own gradient
 * off wasm or when the fast path does not apply, so other backends compute exactly as before.
 */
export function registerWasmGradOverrides(): void {
  for (const [kernelName, fast] of Object.entries(overrides)) {
    const original = getGradient(kernelName);
    if (original == null || (original.gradFunc as MarkedFunc)[marker]) continue;
    let wrapper = wrappers.get(kernelName);
    if (wrapper == null || (wrapper.gradFunc as MarkedFunc)[marker] !== original) {
      const gradFunc: MarkedFunc = (dy, saved, attrs) => {
        if (getBackend() === 'wasm' && !Array.isArray(dy)) {
          const grads = fast(dy, saved, attrs);
          if (grads != null) return grads;
        }
        return original.gradFunc(dy, saved, attrs);
      };
      gradFunc[marker] = original;
      wrapper = { ...original, gradFunc };
      wrappers.set(kernelName, wrapper);
    }
    registerGradient(wrapper);
  }
}

/** Puts tfjs' own gradients back (idempotent); for measuring what the overrides give. */
export function unregisterWasmGradOverrides(): void {
  for (const kernelName of Object.keys(overrides)) {
    const original = (getGradient(kernelName)?.gradFunc as MarkedFunc | undefined)?.[marker];
    if (original != null) registerGradient(original);
  }
}
