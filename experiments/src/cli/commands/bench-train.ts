/**
 * `cxr bench train`: training (and forward-only) throughput in images/s per backbone, input size
 * and backend (issue 8). One cell: `cxr bench train --backbone mobilenetv2 --size 64 --batch 32
 * --backend wasm --json`; without filters, the whole grid on every backend that starts here.
 */
import { backendPreference, type ResolvedBackendName, type WasmKernelSet } from '@cxr/train';
import {
  benchBackbones,
  formatCellLine,
  formatGridPlan,
  formatThroughputTable,
  planThroughputGrid,
  runThroughputGrid,
  type BenchMode,
  type GridOptions,
} from '@cxr/train/bench';
import type { CliCommand } from '../command-types.ts';

const command: CliCommand = {
  group: 'bench',
  module: {
    command: 'train',
    describe: 'Training and forward throughput (images/s) per backbone, size and backend',
    builder: (y) =>
      y
        .option('backbone', { type: 'string', array: true, describe: `Backbones (default: ${benchBackbones.join(', ')})` })
        .option('size', {
          type: 'number',
          array: true,
          default: [64],
          describe: 'Input sizes in pixels (224, the thesis size, is long: see the plan line; --size 64 224)',
        })
        .option('batch', { type: 'number', default: 32 })
        .option('backend', {
          type: 'string',
          array: true,
          choices: backendPreference,
          describe: 'Backends (default: every one that starts here; webgpu only on a hardware adapter unless named)',
        })
        .option('mode', { type: 'string', array: true, choices: ['train', 'forward'], default: ['train', 'forward'] })
        .option('steps', { type: 'number', default: 5, describe: 'Timed steps per cell (median reported)' })
        .option('budget', { type: 'number', default: 90, describe: 'Seconds per cell; slower cells are skipped or timed fewer steps' })
        .option('wasm-kernels', {
          type: 'string',
          choices: ['all', 'required'],
          default: 'all',
          describe: "wasm: this project's fast paths too, or only the kernels training needs (the baseline)",
        })
        .option('profile', { type: 'boolean', default: false, describe: 'Print a per-kernel profile of one extra step per cell' })
        .option('json', { type: 'boolean', default: false, describe: 'Print [{backbone, size, batch, backend, mode, imagesPerSecond}]' })
        .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan (cells and estimated time) and stop' }),
    handler: async (argv) => {
      const a = argv as unknown as {
        backbone?: string[];
        size: number[];
        batch: number;
        backend?: ResolvedBackendName[];
        mode: BenchMode[];
        steps: number;
        budget: number;
        wasmKernels: WasmKernelSet;
        profile: boolean;
        json: boolean;
        dryRun: boolean;
      };
      const grid: GridOptions = {
        backbones: a.backbone ?? benchBackbones,
        sizes: a.size,
        batch: a.batch,
        backends: a.backend ?? 'available',
        modes: a.mode,
        steps: a.steps,
        budgetSeconds: a.budget,
        wasmKernels: a.wasmKernels,
        profile: a.profile,
      };
      // The plan and one line per cell go to stderr, so --json output on stdout stays clean.
      const note = a.size.includes(224) ? '' : '224 px cells only with --size 64 224';
      const printPlan = (plan: Awaited<ReturnType<typeof planThroughputGrid>>) => {
        for (const line of formatGridPlan(plan, note)) console.error(line);
      };
      if (a.dryRun) return printPlan(await planThroughputGrid(grid));
      const cells = await runThroughputGrid({ ...grid, onPlan: printPlan, onCell: (c, p) => console.error(formatCellLine(c, p)) });
      if (a.json)
        console.log(
          JSON.stringify(
            cells.map(({ backbone, size, batch, backend, mode, imagesPerSecond, profile, adapter }) => ({
              backbone,
              size,
              batch,
              backend,
              mode,
              imagesPerSecond,
              ...(profile ? { profile } : {}),
              ...(adapter ? { adapter } : {}),
            })),
          ),
        );
      else console.log(formatThroughputTable(cells));
    },
  },
};

export default command;
