// Throughput of one (backbone, size, batch, backend, mode) cell: build the model with the zoo,
// warm up, time several steps, report the median images/s. Cells too slow to finish in their
// time budget are skipped with a note instead of stalling the whole table.
import * as tf from '@tensorflow/tfjs';
import { buildModel, estimateFlops } from '@cxr/models';
import { createRng, deriveSeed } from '@cxr/data';
import { selectBackend } from '../backend/select-backend.ts';
import type { ResolvedBackendName } from '../backend/backend-name.ts';
import type { WasmKernelSet } from '../backend/wasm/register.ts';
import { formatAdapter } from '../backend/webgpu/dawn-adapter.ts';
import { profileStep, type StepProfile } from './profile-step.ts';
import { makeForwardStep, makeTrainStep } from './fixed-batch-step.ts';

export type BenchMode = 'train' | 'forward';

export interface ThroughputCell {
  backbone: string;
  size: number;
  batch: number;
  backend: ResolvedBackendName;
  mode: BenchMode;
  /** Median images/s over the timed steps; null when the cell was skipped. */
  imagesPerSecond: number | null;
  /** Timed steps behind the median. */
  steps: number;
  /** The wasm kernel set measured ('all' unless asked otherwise). */
  wasmKernels?: WasmKernelSet;
  /** Kernel profile of one extra step, when asked for. */
  profile?: StepProfile;
  /** webgpu only: the adapter measured (formatAdapter), so a software figure is never taken for a GPU's. */
  adapter?: string;
  note?: string;
}

export interface ThroughputOptions {
  backbone: string;
  size: number;
  batch: number;
  backend: ResolvedBackendName;
  mode: BenchMode;
  /** Timed steps (default 5); fewer when a step is slow and the budget would be exceeded. */
  steps?: number;
  /** Untimed steps first (default 2; kernels compile, the heap grows). */
  warmup?: number;
  /** Seconds one cell may take (default 120). */
  budgetSeconds?: number;
  /** Rough sustained FLOP/s of the backend, to skip hopeless cells before building them. */
  flopsPerSecond?: number;
  /** wasm only: this project's full kernel set (default) or only what training needs. */
  wasmKernels?: WasmKernelSet;
  /** Profile one more step after the timed ones (tf.profile, kernels grouped by name). */
  profile?: boolean;
}

/**
 * Rough sustained rates here (2 cores): cpu ~0.5 GFLOP/s (issue 8), wasm ~10 GFLOP/s; webgpu at the
 * software adapter's rate (llvmpipe; a hardware adapter gets WEBGPU_HARDWARE_FLOPS once started).
 */
export const defaultFlopsPerSecond: Record<ResolvedBackendName, number> = {
  cpu: 0.5e9,
  wasm: 10e9,
  webgpu: 1e9,
  tensorflow: 30e9,
  'tensorflow-gpu': 1e12,
};

/** A budget guess for a hardware WebGPU adapter (skips no cell a GPU can run). */
export const WEBGPU_HARDWARE_FLOPS = 1e12;

const NUM_CLASSES = 10;

/** Seconds a cell's child process needs before its first step here (tsx, tfjs, wasm start, model build). */
export const CELL_START_SECONDS = 4;

/**
 * Wall seconds one cell should take, from the same FLOP estimate measureThroughput uses to skip
 * hopeless cells: the child's start, then warm-up and timed steps at `flopsPerStep` /
 * flopsPerSecond, capped at the budget (a cell stops timing when its budget is spent); a cell
 * the estimate skips costs only the start. Rough: the FLOP rates are guesses per backend.
 * @example estimateCellSeconds({ backbone: 'cnn5', size: 64, batch: 32, backend: 'wasm', mode: 'train' }, 4e9) // 4 + 7 * 0.4 = 6.8
 */
export function estimateCellSeconds(options: ThroughputOptions, flopsPerStep: number): number {
  const steps = options.steps ?? 5;
  const warmup = options.warmup ?? 2;
  const budget = options.budgetSeconds ?? 120;
  const step = flopsPerStep / (options.flopsPerSecond ?? defaultFlopsPerSecond[options.backend]);
  if (step * (1 + Math.min(warmup, 1)) > budget) return CELL_START_SECONDS;
  return CELL_START_SECONDS + Math.min(budget, (warmup + steps) * step);
}

/** FLOPs of one step of a cell's model (forward x 3 for training), as measureThroughput estimates them. */
export function cellFlopsPerStep(modelFlops: number, batch: number, mode: BenchMode): number {
  return modelFlops * batch * (mode === 'train' ? 3 : 1);
}

/**
 * Measures one cell. Training = the trainer's own step (training-mode forward, weighted BCE on
 * random 0/1 labels, leanVariableGrads, GroupedAdam on every weight); forward = inference-mode forward pass. Cost: warmup + steps training
 * steps, unless the FLOP estimate says even one step would overrun the budget (then skipped).
 * @example await measureThroughput({ backbone: 'cnn5', size: 64, batch: 32, backend: 'wasm', mode: 'train' })
 * // -> { backbone: 'cnn5', size: 64, batch: 32, backend: 'wasm', mode: 'train', imagesPerSecond: 400, steps: 5 }
 */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputCell> {
  const { backbone, size, batch, backend, mode } = options;
  const steps = options.steps ?? 5;
  const warmup = options.warmup ?? 2;
  const budget = options.budgetSeconds ?? 120;
  const selected = await selectBackend(backend, undefined, { wasmKernels: options.wasmKernels ?? 'all' });
  const cell: ThroughputCell = { backbone, size, batch, backend, mode, imagesPerSecond: null, steps: 0 };
  if (selected.adapter) cell.adapter = formatAdapter(selected.adapter);
  const rate =
    options.flopsPerSecond ?? (selected.adapter && !selected.adapter.software ? WEBGPU_HARDWARE_FLOPS : defaultFlopsPerSecond[backend]);
  if (backend === 'wasm') cell.wasmKernels = options.wasmKernels ?? 'all';
  const seed = deriveSeed(8, `bench:${backbone}:${size}`);
  const model = buildModel({ backbone, inputSize: size, channels: 3, head: '512/0.20', numClasses: NUM_CLASSES, seed });
  const rng = createRng(seed, 'bench-data');
  const tensors: tf.Tensor[] = [];
  const disposers: (() => void)[] = [];
  try {
    const flopsPerStep = cellFlopsPerStep(estimateFlops(model), batch, mode);
    const estimate = flopsPerStep / rate;
    if (estimate * (1 + Math.min(warmup, 1)) > budget) {
      cell.note = `skipped: ~${estimate.toFixed(0)} s/step estimated, budget ${budget} s`;
      return cell;
    }
    const pixels = new Float32Array(batch * size * size * 3).map(() => rng.uniform(0, 1));
    const labels = new Float32Array(batch * NUM_CLASSES).map(() => (rng.uniform(0, 1) < 0.3 ? 1 : 0));
    const x = tf.tensor4d(pixels, [batch, size, size, 3]);
    const y = tf.tensor2d(labels, [batch, NUM_CLASSES]);
    tensors.push(x, y);
    const trainer = mode === 'train' ? makeTrainStep(model, x, y) : null;
    if (trainer) disposers.push(trainer.dispose);
    const step = trainer ?? makeForwardStep(model, x);
    const started = performance.now();
    let warmed = 0;
    // Slow cells (the pure-JS cpu backend) stop warming up once a step has used a third of the
    // budget, so one timed step still fits.
    while (warmed < warmup && (warmed === 0 || (performance.now() - started) / 1000 < budget / 3)) {
      await step();
      warmed++;
    }
    const times: number[] = [];
    const perStep = (performance.now() - started) / Math.max(1, warmed) / 1000;
    const affordable = Math.max(1, Math.min(steps, Math.floor((budget - (performance.now() - started) / 1000) / Math.max(perStep, 1e-3))));
    for (let i = 0; i < affordable; i++) {
      const t0 = performance.now();
      const loss = await step();
      times.push(performance.now() - t0);
      if (!Number.isFinite(loss)) throw new Error(`measureThroughput: ${backbone} ${mode} produced a non-finite value`);
    }
    if (affordable < steps || warmed < warmup)
      cell.note = `${affordable} timed step(s) after ${warmed} warm-up within the ${budget} s budget`;
    cell.steps = times.length;
    cell.imagesPerSecond = (batch * 1000) / median(times);
    if (options.profile) cell.profile = await profileStep(step);
    return cell;
  } finally {
    for (const d of disposers) d();
    tf.dispose(tensors);
    model.dispose();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
