// The throughput grid of issue 8: backbones x sizes x backends x modes, each cell measured by
// measureThroughput, printed as a table or JSON.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildModel, estimateFlops } from '@cxr/models';
import {
  CELL_START_SECONDS,
  cellFlopsPerStep,
  estimateCellSeconds,
  type BenchMode,
  type ThroughputCell,
  type ThroughputOptions,
} from './measure-throughput.ts';
import { formatSeconds } from '../run/progress.ts';
import { selectBackend } from '../backend/select-backend.ts';
import { backendPreference, type ResolvedBackendName } from '../backend/backend-name.ts';
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
  /** Called once before the first cell with what will run and how long it should take. */
  onPlan?: (plan: GridPlan) => void;
  /** Called after each cell (progress lines). */
  onCell?: (cell: ThroughputCell, progress: CellProgress) => void;
}

/** The cells a grid will measure, in order, each with its estimated wall seconds. */
export interface GridPlan {
  cells: { options: ThroughputOptions; estimatedSeconds: number }[];
  /** Sum of the cells' estimates. */
  estimatedSeconds: number;
  /** What the time limits allow at most: each cell's child is stopped at 3 x its budget + 30 s. */
  limitSeconds: number;
}

/** Where a grid stands after a cell. */
export interface CellProgress {
  /** 1-based. */
  index: number;
  total: number;
  cellSeconds: number;
  elapsedSeconds: number;
  /** The remaining cells' estimates, scaled by how the finished cells compared with theirs. */
  remainingSeconds: number;
}

/** Backends that start on this machine, fastest first; webgpu only on a hardware adapter (ask for it by name to bench llvmpipe). */
export async function availableBackends(): Promise<ResolvedBackendName[]> {
  const out: ResolvedBackendName[] = [];
  for (const name of backendPreference) {
    try {
      const got = await selectBackend(name);
      if (!got.adapter?.software) out.push(name);
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
  const plan = await planThroughputGrid(o);
  o.onPlan?.(plan);
  const cells: ThroughputCell[] = [];
  const started = performance.now();
  let estimatedDone = 0;
  for (const [i, planned] of plan.cells.entries()) {
    const t0 = performance.now();
    const cell = measureInChild(planned.options);
    cells.push(cell);
    const now = performance.now();
    estimatedDone += planned.estimatedSeconds;
    const elapsedSeconds = (now - started) / 1000;
    const left = plan.cells.slice(i + 1).reduce((sum, c) => sum + c.estimatedSeconds, 0);
    const scale = estimatedDone > 0 ? elapsedSeconds / estimatedDone : 1;
    o.onCell?.(cell, {
      index: i + 1,
      total: plan.cells.length,
      cellSeconds: (now - t0) / 1000,
      elapsedSeconds,
      remainingSeconds: left * scale,
    });
  }
  return cells;
}

/**
 * The cells runThroughputGrid will measure (backend, size, backbone, mode, in that nesting) with
 * an estimated time each (estimateCellSeconds: the FLOPs of the model built here, without
 * running it, at the backend's assumed rate). A backbone that does not build gets the start
 * time only (its cell will fail and say why). Cost: one model build per (backbone, size), on the
 * cpu backend, which it leaves current (the cells run in their own processes).
 * @example (await planThroughputGrid({ backbones: ['cnn5'], sizes: [64], batch: 32, backends: ['wasm'], modes: ['train'] })).cells.length // 1
 */
export async function planThroughputGrid(o: GridOptions): Promise<GridPlan> {
  const backends = o.backends === 'available' ? await availableBackends() : o.backends;
  await selectBackend('cpu'); // the models are only built here (their FLOPs counted), never run
  const flops = new Map<string, number | null>();
  const modelFlops = (backbone: string, size: number) => {
    const key = `${backbone}:${size}`;
    if (!flops.has(key)) {
      try {
        const model = buildModel({ backbone, inputSize: size, channels: 3, head: '512/0.20', numClasses: 10, seed: 1 });
        flops.set(key, estimateFlops(model));
        model.dispose();
      } catch {
        flops.set(key, null);
      }
    }
    return flops.get(key)!;
  };
  const cells: GridPlan['cells'] = [];
  for (const backend of backends) {
    for (const size of o.sizes) {
      for (const backbone of o.backbones) {
        for (const mode of o.modes) {
          const options: ThroughputOptions = {
            backbone,
            size,
            batch: o.batch,
            backend,
            mode,
            ...(o.steps != null ? { steps: o.steps } : {}),
            ...(o.budgetSeconds != null ? { budgetSeconds: o.budgetSeconds } : {}),
            ...(o.wasmKernels != null ? { wasmKernels: o.wasmKernels } : {}),
            ...(o.profile ? { profile: true } : {}),
          };
          const f = modelFlops(backbone, size);
          cells.push({
            options,
            estimatedSeconds: f === null ? CELL_START_SECONDS : estimateCellSeconds(options, cellFlopsPerStep(f, o.batch, mode)),
          });
        }
      }
    }
  }
  return {
    cells,
    estimatedSeconds: cells.reduce((sum, c) => sum + c.estimatedSeconds, 0),
    limitSeconds: cells.reduce((sum, c) => sum + childLimitSeconds(c.options), 0),
  };
}

/**
 * The plan as printed before a grid starts: one summary line (cells, estimate, the most the time
 * limits allow), then one line per cell with its estimate.
 * @example formatGridPlan(plan)[0] // 'bench plan: 20 cells (backends wasm, cpu; sizes 64 px; ...), estimated ~3 min 10 s ...'
 */
export function formatGridPlan(plan: GridPlan, note = ''): string[] {
  const cells = plan.cells.map((c) => c.options);
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  const what = [
    `backends ${uniq(cells.map((c) => c.backend)).join(', ')}`,
    `sizes ${uniq(cells.map((c) => c.size)).join(', ')} px`,
    `${uniq(cells.map((c) => c.backbone)).length} backbones`,
    `modes ${uniq(cells.map((c) => c.mode)).join(', ')}`,
  ].join('; ');
  const budget = cells[0]?.budgetSeconds;
  return [
    `bench plan: ${plan.cells.length} cells (${what}), estimated ~${formatSeconds(plan.estimatedSeconds)} (FLOP-based guess${budget != null ? `; cells capped near their ${budget} s budget` : ''}; at most ${formatSeconds(plan.limitSeconds)})${note ? `; ${note}` : ''}`,
    ...plan.cells.map((c, i) => `  ${i + 1}/${plan.cells.length} ${cellName(c.options)} ~${formatSeconds(c.estimatedSeconds)}`),
  ];
}

/**
 * The line printed as each cell finishes: cell i/N, its figure (or note), its time, and the
 * elapsed and remaining estimate of the grid.
 * @example formatCellLine(cell, { index: 3, total: 20, cellSeconds: 6, elapsedSeconds: 21, remainingSeconds: 95 })
 * // 'cell 3/20 wasm mobilenetv2 64px train: 410.2 img/s in 6 s; 21 s elapsed, ~1 min 35 s left'
 */
export function formatCellLine(cell: ThroughputCell, p: CellProgress): string {
  const figure = cell.imagesPerSecond == null ? '-' : `${cell.imagesPerSecond.toFixed(1)} img/s`;
  const left = p.index < p.total ? `, ~${formatSeconds(p.remainingSeconds)} left` : ', done';
  return `cell ${p.index}/${p.total} ${cellName(cell)}: ${figure}${cell.note ? ` (${cell.note})` : ''} in ${formatSeconds(p.cellSeconds)}; ${formatSeconds(p.elapsedSeconds)} elapsed${left}`;
}

const cellName = (c: Pick<ThroughputOptions, 'backend' | 'backbone' | 'size' | 'mode'>) =>
  `${c.backend} ${c.backbone} ${c.size}px ${c.mode}`;

/** The wall limit measureInChild puts on a cell's child process by default. */
const childLimitSeconds = (options: ThroughputOptions) => 3 * (options.budgetSeconds ?? 120) + 30;

const cellMain = fileURLToPath(new URL('./measure-cell-main.ts', import.meta.url));

/**
 * One cell in a child process; a crash becomes a note on the cell. The FLOP estimate that skips
 * hopeless cells can be far off (cnn5's full-resolution convolutions run well below the cpu
 * backend's assumed rate), so a child still running after `limitSeconds` (default 3x its budget
 * + 30 s to start) is stopped and the cell noted as timed out.
 */
export function measureInChild(options: ThroughputOptions, limitSeconds = childLimitSeconds(options)): ThroughputCell {
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
  const error = (r.stderr.match(/(RangeError|RuntimeError|Error)[^\n]*/g) ?? [`exit ${r.status}`]).at(-1)!;
  // a message ends with what was received (e.g. after a long list of valid names): keep both ends
  const why = error.length <= 160 ? error : `${error.slice(0, 100)} ... ${error.slice(-56)}`;
  return { backbone, size, batch, backend, mode, imagesPerSecond: null, steps: 0, note: `failed: ${why}` };
}
