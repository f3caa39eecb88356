import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getGradient, getKernel } from '@tensorflow/tfjs-core';
import { backendChoiceLines, selectBackend } from './select-backend.ts';
import { registerWasmTrainingKernels, wasmTrainingKernels } from './wasm/register.ts';
import type { BackendName } from './backend-name.ts';

describe('selectBackend', () => {
  test("'auto' picks wasm here and says why the native backends were skipped", async () => {
    const lines: string[] = [];
    const got = await selectBackend('auto', (l) => lines.push(l));
    // This machine has no @tensorflow/tfjs-node(-gpu) (their install needs libtensorflow).
    assert.equal(got.backend, 'wasm');
    assert.equal(got.tfBackend, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    // webgpu is installed (optional dependency) but this machine has no hardware adapter.
    assert.deepEqual(
      got.skipped.map((s) => s.name),
      ['tensorflow-gpu', 'tensorflow', 'webgpu'],
    );
    const [gpu, native, webgpu] = got.skipped;
    for (const s of [gpu, native]) assert.match(s!.reason, /tfjs-node|Cannot find/);
    assert.deepEqual(
      got.skipped.map((s) => s.installed),
      [false, false, true],
    );
    assert.match(webgpu!.reason, /^webgpu: no hardware adapter \(/);
    assert.equal(webgpu!.unsupported, true);
    assert.deepEqual(lines, [`backend: wasm (tfjs-node-gpu and tfjs-node not installed; ${webgpu!.reason})`]);
    for (const k of wasmTrainingKernels) assert.equal(getKernel(k.kernelName, 'wasm')?.kernelFunc, k.kernelFunc, k.kernelName);
  });

  test('backendChoiceLines: one calm line for packages that are not installed, the reason for one that is installed and fails', () => {
    const missing = (name: 'tensorflow-gpu' | 'tensorflow') => ({ name, reason: `Cannot find package '@tensorflow/x'`, installed: false });
    assert.deepEqual(backendChoiceLines('wasm', [missing('tensorflow-gpu'), missing('tensorflow')]), [
      'backend: wasm (tfjs-node-gpu and tfjs-node not installed)',
    ]);
    assert.deepEqual(backendChoiceLines('tensorflow', [missing('tensorflow-gpu')]), ['backend: tensorflow (tfjs-node-gpu not installed)']);
    assert.deepEqual(backendChoiceLines('wasm', []), ['backend: wasm']);
    const noAdapter = {
      name: 'webgpu' as const,
      reason: 'webgpu: no hardware adapter (no vulkan adapter)',
      installed: true,
      unsupported: true,
    };
    assert.deepEqual(backendChoiceLines('wasm', [missing('tensorflow-gpu'), missing('tensorflow'), noAdapter]), [
      'backend: wasm (tfjs-node-gpu and tfjs-node not installed; webgpu: no hardware adapter (no vulkan adapter))',
    ]);
    const webgpuMissing = { name: 'webgpu' as const, reason: "Cannot find package 'webgpu'", installed: false };
    assert.deepEqual(backendChoiceLines('wasm', [missing('tensorflow-gpu'), missing('tensorflow'), webgpuMissing]), [
      'backend: wasm (tfjs-node-gpu, tfjs-node and webgpu not installed)',
    ]);
    const llvmpipe = {
      vendor: '',
      architecture: '',
      device: 'llvmpipe-llvm-15-0-6-256-bits-',
      description: 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6',
      backendType: 'opengles',
      featureLevel: 'compatibility' as const,
      software: true,
    };
    assert.deepEqual(backendChoiceLines('webgpu', [], llvmpipe), [
      'backend: webgpu on llvmpipe-llvm-15-0-6-256-bits- (opengles, compatibility, software adapter); a CPU rasteriser: its speed says nothing about a GPU',
    ]);
    const noGpu = {
      name: 'tensorflow-gpu' as const,
      reason: '@tensorflow/tfjs-node-gpu loaded but TensorFlow sees no GPU',
      installed: true,
    };
    const badBinding = {
      name: 'tensorflow' as const,
      reason: "Cannot find module '/x/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'",
      installed: true,
    };
    assert.deepEqual(backendChoiceLines('wasm', [noGpu, badBinding]), [
      'backend: tensorflow-gpu not used: @tensorflow/tfjs-node-gpu loaded but TensorFlow sees no GPU',
      "backend: tensorflow not used: Cannot find module '/x/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'",
      'backend: wasm',
    ]);
    assert.deepEqual(backendChoiceLines('cpu', [noGpu, missing('tensorflow')]), [
      'backend: tensorflow-gpu not used: @tensorflow/tfjs-node-gpu loaded but TensorFlow sees no GPU',
      'backend: cpu (tfjs-node not installed)',
    ]);
  });

  test("tfjs' Node banner stays silent on the cpu backend", async () => {
    const warned: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args);
    try {
      await selectBackend('cpu');
      tf.tensor1d([1, 2, 3]).dispose();
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(warned, []);
  });

  test('registration is idempotent', () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    for (const k of wasmTrainingKernels) assert.equal(getKernel(k.kernelName, 'wasm')?.kernelFunc, k.kernelFunc, k.kernelName);
  });

  test("'required' keeps only what training needs and puts the stock kernels and gradients back; 'all' restores the fast paths", async () => {
    await selectBackend('wasm');
    const fast = {
      input: getKernel('Conv2DBackpropInput', 'wasm')!,
      identity: getKernel('Identity', 'wasm')!,
      relu: getGradient('Relu')!.gradFunc,
    };
    const x = tf.tensor2d([
      [-1, 2],
      [3, -4],
    ]);
    const reluGrad = () =>
      tf
        .grad((t: tf.Tensor) => tf.relu(t).mul(t).sum())(x)
        .arraySync();
    const withFastPaths = reluGrad();

    await selectBackend('wasm', undefined, { wasmKernels: 'required' });
    const required = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'MaxPoolGrad'];
    for (const name of required)
      assert.ok(
        wasmTrainingKernels.some((k) => k.kernelFunc === getKernel(name, 'wasm')?.kernelFunc),
        name,
      );
    assert.ok(getKernel('Conv2DBackpropInput', 'wasm') != null, 'stock Conv2DBackpropInput is back');
    assert.notEqual(getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc, fast.input.kernelFunc);
    assert.notEqual(getKernel('Identity', 'wasm')!.kernelFunc, fast.identity.kernelFunc);
    assert.notEqual(getGradient('Relu')!.gradFunc, fast.relu);
    assert.deepEqual(reluGrad(), withFastPaths);

    await selectBackend('wasm');
    assert.equal(getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc, fast.input.kernelFunc);
    assert.equal(getGradient('Relu')!.gradFunc, fast.relu);
    assert.deepEqual(withFastPaths, [
      [0, 4],
      [6, 0],
    ]);
    x.dispose();
  });

  test('cpu on request', async () => {
    const got = await selectBackend('cpu');
    assert.deepEqual(got, { backend: 'cpu', tfBackend: 'cpu', skipped: [] });
  });

  test('an unknown name is refused with the valid names', async () => {
    await assert.rejects(selectBackend('metal' as BackendName), {
      name: 'BackendError',
      message: 'selectBackend: requested must be one of auto, tensorflow-gpu, tensorflow, webgpu, wasm, cpu; received "metal"',
    });
  });

  test('an explicitly requested backend that cannot start is an error, not a fallback', async () => {
    await assert.rejects(selectBackend('tensorflow'), (e: Error) => {
      assert.equal(e.name, 'BackendError');
      assert.match(e.message, /^selectBackend: requested must be a backend that starts here; received 'tensorflow' \(.*tfjs-node/);
      return true;
    });
  });
});
