// The throughput grid of issue 8: backbones x sizes x backends x modes, each cell measured by
// measureThroughput, printed as a table or JSON.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchMode, ThroughputCell, ThroughputOptions } from './measure-throughput.ts';
import { selectBackend } from '../backend/select-backend.ts';
import type { ResolvedBackendName } from '../backend/backend-name.ts';
import type { WasmKernelSet } from '../backend/wasm/register.ts';

export const benchBackbones = ['cnn5', 'mobilenetv2', 'efficientnetb0', 'densenet121', 'resnet50v2'] as const;

export interface GridOptions {
  backbones: readonly string[];
  sizes: readonly number[];
  batch: number;
  /** Backends to measure; 'available' = those that start here (native ones, wasm, cpu). */
  backends: readonly ResolvedBackendName[] | 'available';
  modes: readonly BenchMode[];
  steps?: number;
  budgetSeconds?: number;
  /** wasm cells: this project's full kernel set (default) or only what training needs. */
  wasmKernels?: WasmKernelSet;
  /** Profile one extra step per cell. */
  profile?: boolean;
  /** Called after each cell (progress lines). */
  onCell?: (cell: ThroughputCell) => void;
}

/** Backends that start on this machine, fastest first. */
export async function availableBackends(): Promise<ResolvedBackendName[]> {
  const out: ResolvedBackendName[] = [];
  for (const name of ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const) {
    try {
      await selectBackend(name);
      out.push(name);
    } catch {
      // not installed here; the table simply has no column for it
    }
  }
  return out;
}

/**
 * Measures every cell of the grid in turn, each in its own process (a cell that exhausts the
 * 4 GiB wasm heap aborts the wasm module; the table then notes it and goes on).
 * @example await runThroughputGrid({ backbones: ['cnn5'], sizes: [64], batch: 32, backends: ['wasm'], modes: ['train'] })
 */
export async function runThroughputGrid(o: GridOptions): Promise<ThroughputCell[]> {
  const backends = o.backends === 'available' ? await availableBackends() : o.backends;
  const cells: ThroughputCell[] = [];
  for (const backend of backends) {
    for (const size of o.sizes) {
      for (const backbone of o.backbones) {
        for (const mode of o.modes) {
          const cell = measureInChild({
            backbone,
            size,
            batch: o.batch,
            backend,
            mode,
            ...(o.steps != null ? { steps: o.steps } : {}),
            ...(o.budgetSeconds != null ? { budgetSeconds: o.budgetSeconds } : {}),
            ...(o.wasmKernels != null ? { wasmKernels: o.wasmKernels } : {}),
            ...(o.profile ? { profile: true } : {}),
          });
          cells.push(cell);
          o.onCell?.(cell);
        }
      }
    }
  }
  return cells;
}

const cellMain = fileURLToPath(new URL('./measure-cell-main.ts', import.meta.url));

/**
 * One cell in a child process; a crash becomes a note on the cell. The FLOP estimate that skips
 * hopeless cells can be far off (cnn5's full-resolution convolutions run well below the cpu
 * backend's assumed rate), so a child still running after `limitSeconds` (default 3x its budget
 * + 30 s to start) is stopped and the cell noted as timed out.
 */
export function measureInChild(options: ThroughputOptions, limitSeconds = 3 * (options.budgetSeconds ?? 120) + 30): ThroughputCell {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cellMain, JSON.stringify(options)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    timeout: limitSeconds * 1000,
    killSignal: 'SIGKILL',
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('CELL '));
  if (r.status === 0 && line) return JSON.parse(line.slice(5)) as ThroughputCell;
  const { backbone, size, batch, backend, mode } = options;
  if (r.signal === 'SIGKILL')
    return {
      backbone,
      size,
      batch,
      backend,
      mode,
      imagesPerSecond: null,
      steps: 0,
      note: `timed out: no timed step within ${limitSeconds} s`,
    };
  const why = (r.stderr.match(/(RangeError|RuntimeError|Error)[^\n]*/g) ?? [`exit ${r.status}`]).at(-1)!.slice(0, 160);
  return { backbone, size, batch, backend, mode, imagesPerSecond: null, steps: 0, note: `failed: ${why}` };
}
