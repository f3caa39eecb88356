// Per-kernel profile of one training step (tf.profile), summarised by kernel name.
import * as tf from '@tensorflow/tfjs';

export interface KernelProfileRow {
  kernel: string;
  ms: number;
  calls: number;
}

export interface StepProfile {
  /** Kernel launches in the step. */
  kernels: number;
  /** Sum of per-kernel wall times (ms). */
  kernelMs: number;
  /** Every kernel name launched, by total time, slowest first. */
  top: KernelProfileRow[];
}

/**
 * Runs `step` once under tf.profile and groups kernel times by name (wasm kernels are synchronous,
 * so each time is the kernel's wall time). Cost: one step plus profiling overhead.
 * @example (await profileStep(step)).top[0] // -> { kernel: 'Conv2DBackpropFilter', ms: 120, calls: 35 }
 */
export async function profileStep(step: () => unknown): Promise<StepProfile> {
  const info = await tf.profile(async () => {
    await step();
  });
  const byName = new Map<string, KernelProfileRow>();
  for (const k of info.kernels) {
    const row = byName.get(k.name) ?? { kernel: k.name, ms: 0, calls: 0 };
    row.ms += Number(k.kernelTimeMs);
    row.calls++;
    byName.set(k.name, row);
  }
  const rows = [...byName.values()].sort((a, b) => b.ms - a.ms);
  return { kernels: info.kernels.length, kernelMs: rows.reduce((s, r) => s + r.ms, 0), top: rows };
}

/** The profile as text lines: a header then one line per kernel, the `topN` slowest. */
export function formatProfile(p: StepProfile, topN = 15): string {
  const lines = [`${p.kernels} kernel launches, ${p.kernelMs.toFixed(0)} ms in kernels`];
  for (const r of p.top.slice(0, topN))
    lines.push(`  ${r.kernel.padEnd(38)} ${r.ms.toFixed(1).padStart(8)} ms ${String(r.calls).padStart(6)} calls`);
  return lines.join('\n');
}
