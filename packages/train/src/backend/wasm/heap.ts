// Low-level access to the wasm backend's heap for the training kernels: typed-array views of
// tensors, fresh outputs, and direct calls of the backend's own (XNNPACK) kernels without going
// through the engine (no tape, no extra kernel launch in a profile).
import { getKernel, util, type TensorInfo, type NamedAttrMap } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A Float32Array view of a float32 tensor living on the wasm heap. Views are invalidated when the
 * heap grows, so take them only after every allocation a kernel needs has been made.
 */
export function heapF32(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** A new float32 tensor on the wasm heap (contents undefined unless `zero`). */
export function allocF32(backend: BackendWasm, shape: number[], zero = false): TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  if (zero) heapF32(backend, out).fill(0);
  return out;
}

/** The same data under another shape (no copy; the caller owns one more reference). */
export function reshaped(backend: BackendWasm, info: TensorInfo, shape: number[]): TensorInfo {
  backend.incRef(info.dataId);
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Releases a tensor made inside a kernel that is not returned. */
export function release(backend: BackendWasm, info: TensorInfo): void {
  backend.disposeData(info.dataId);
}

/** Runs another kernel registered for wasm directly (e.g. the XNNPACK BatchMatMul). */
export function runWasmKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = getKernel(kernelName, 'wasm');
  const out = config.kernelFunc({ inputs, backend, attrs });
  return (Array.isArray(out) ? out[0] : out) as TensorInfo;
}

/**
 * The transpose of a 2-D view `[rows, cols]` as a new [cols, rows] tensor, in 32 x 32 tiles on
 * the heap. On the tall matrices the convolution gradients transpose it matches or beats the
 * wasm Transpose kernel here (8192 x 96: 2.0 vs 4.7 ms; 32768 x 32: 2.9 vs 3.6 ms; 512 x 1280:
 * 3.9 vs 3.7 ms, a tie).
 */
export function transpose2d(backend: BackendWasm, a: TensorInfo, shape: [number, number]): TensorInfo {
  const [rows, cols] = shape;
  const out = allocF32(backend, [cols, rows]);
  const heap = wholeHeapF32(backend);
  const src = offsetF32(backend, a);
  const dst = offsetF32(backend, out);
  const T = 32;
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(rows, r0 + T);
    for (let c0 = 0; c0 < cols; c0 += T) {
      const c1 = Math.min(cols, c0 + T);
      for (let c = c0; c < c1; c++) {
        const o = dst + c * rows;
        for (let r = r0; r < r1; r++) heap[o + r] = heap[src + r * cols + c]!;
      }
    }
  }
  return out;
}

/**
 * C = op(A) . op(B) for 2-D views (any stored shape of the right size); returns [rows, cols].
 * The wasm BatchMatMul is fast (XNNPACK, ~15-25 GFLOP/s here) only without transposes - with
 * transposeA it runs at ~0.5 GFLOP/s - so transposed operands are materialised first. Callers
 * arrange for the transposed operand to be the small one.
 */
export function matMul2d(
  backend: BackendWasm,
  a: TensorInfo,
  aShape: [number, number],
  b: TensorInfo,
  bShape: [number, number],
  transposeA: boolean,
  transposeB: boolean,
): TensorInfo {
  util.assert(util.sizeFromShape(a.shape) === aShape[0] * aShape[1], () => 'matMul2d: a size mismatch');
  util.assert(util.sizeFromShape(b.shape) === bShape[0] * bShape[1], () => 'matMul2d: b size mismatch');
  const at = transposeA ? transpose2d(backend, a, aShape) : a;
  const bt = transposeB ? transpose2d(backend, b, bShape) : b;
  const a3: TensorInfo = { dataId: at.dataId, shape: [1, ...(transposeA ? [aShape[1], aShape[0]] : aShape)], dtype: 'float32' };
  const b3: TensorInfo = { dataId: bt.dataId, shape: [1, ...(transposeB ? [bShape[1], bShape[0]] : bShape)], dtype: 'float32' };
  const out = runWasmKernel(backend, 'BatchMatMul', { a: a3, b: b3 }, { transposeA: false, transposeB: false });
  if (at !== a) release(backend, at);
  if (bt !== b) release(backend, bt);
  return { dataId: out.dataId, shape: out.shape.slice(1), dtype: 'float32' };
}

/**
 * dW = A^T . B over a long pixel axis (A: [pixels, k], B: [pixels, n]) -> [k, n], transposing
 * whichever operand is smaller: A^T . B directly, or (B^T . A)^T with a small final transpose.
 */
export function gramLike(backend: BackendWasm, a: TensorInfo, k: number, b: TensorInfo, n: number, pixels: number): TensorInfo {
  if (k <= n) return matMul2d(backend, a, [pixels, k], b, [pixels, n], true, false);
  const bta = matMul2d(backend, b, [pixels, n], a, [pixels, k], true, false);
  const out = transpose2d(backend, bta, [n, k]);
  release(backend, bta);
  return out;
}

/** A Float32Array over the whole wasm heap (invalidated when the heap grows). */
export function wholeHeapF32(backend: BackendWasm): Float32Array {
  return new Float32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer);
}

/** Float offset of a tensor's data in `wholeHeapF32` (the allocator aligns to >= 8 bytes). */
export function offsetF32(backend: BackendWasm, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId)!.memoryOffset / 4;
}
