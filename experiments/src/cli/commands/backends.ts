/**
 * `cxr backends`: every tfjs backend the trainer knows, whether it starts on this machine (and
 * why not), the WebGPU adapter it finds, and the one `--backend auto` picks. The check of a
 * machine's GPU route (README, "GPU route").
 */
import { backendPreference, formatAdapter, selectBackend, type GpuAdapterDescription, type ResolvedBackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';

/** One backend's probe. */
export interface BackendProbe {
  backend: ResolvedBackendName;
  loads: boolean;
  /** Why it does not start (the first line of the error). */
  reason?: string;
  /** webgpu only. */
  adapter?: GpuAdapterDescription;
}

/**
 * Starts each backend by name in turn (webgpu takes a software adapter too, flagged as such),
 * then 'auto'. Returns the probes and auto's choice.
 * @example (await probeBackends()).auto // 'wasm' here
 */
export async function probeBackends(): Promise<{ probes: BackendProbe[]; auto: ResolvedBackendName }> {
  const probes: BackendProbe[] = [];
  for (const backend of backendPreference) {
    try {
      const got = await selectBackend(backend);
      probes.push({ backend, loads: true, ...(got.adapter ? { adapter: got.adapter } : {}) });
    } catch (error) {
      // selectBackend's message ends with "received '<name>' (<reason>)"
      const text = (error as Error).message;
      const reason = text.match(/received '[^']+' \((.*)\)$/)?.[1] ?? text;
      probes.push({ backend, loads: false, reason });
    }
  }
  const auto = (await selectBackend('auto')).backend;
  return { probes, auto };
}

/**
 * The table `cxr backends` prints: one line per backend, then auto's choice.
 * @example formatProbes([{ backend: 'cpu', loads: true }], 'cpu') // ['cpu     yes', 'auto picks: cpu']
 */
export function formatProbes(probes: readonly BackendProbe[], auto: ResolvedBackendName): string[] {
  const width = Math.max(...probes.map((p) => p.backend.length));
  const lines = probes.map((p) => {
    const detail = p.loads ? (p.adapter ? `  ${formatAdapter(p.adapter)}` : '') : `  ${p.reason}`;
    return `${p.backend.padEnd(width)}  ${p.loads ? 'yes' : 'no '}${detail}`;
  });
  const soft = probes.find((p) => p.adapter?.software);
  return [
    ...lines,
    `auto picks: ${auto}`,
    ...(soft ? ['webgpu runs on a software adapter here (CPU rasteriser): use it for checks, not for speed; auto skips it'] : []),
  ];
}

const command: CliCommand = {
  module: {
    command: 'backends',
    describe: 'List every tfjs backend, whether it starts here, its WebGPU adapter, and what --backend auto picks',
    builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'Print {probes, auto} as JSON' }),
    handler: async (argv) => {
      const { probes, auto } = await probeBackends();
      if ((argv as { json?: boolean }).json) console.log(JSON.stringify({ probes, auto }));
      else for (const line of formatProbes(probes, auto)) console.log(line);
    },
  },
};

export default command;
