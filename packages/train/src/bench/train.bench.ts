// `npm run bench`: training and forward throughput (images/s, median of timed steps after
// warm-up) of the five benchmark backbones at batch 32, on every backend that starts here except
// the pure-JS cpu one. By default 64 px only, so the whole `npm run bench` stays within minutes
// on 2 cores; the thesis size and the cpu backend are explicit, long choices: --sizes=64,224,
// --backends=wasm,cpu (the plan line says how long; one cpu cell alone can run 5 min). Prints
// the plan and its estimate first, then one line per cell as it finishes (stderr), the table at
// the end. Flags: --json, --sizes=64,224, --backends=wasm,cpu, --budget=SECONDS per cell (default
// 90), --dry-run (plan only).
// (--quick, 64 px only, is still accepted: it is the default now.)
import { formatThroughputTable } from './format-table.ts';
import type { ResolvedBackendName } from '../backend/backend-name.ts';
import {
  availableBackends,
  benchBackbones,
  formatCellLine,
  formatGridPlan,
  planThroughputGrid,
  runThroughputGrid,
  type GridOptions,
} from './throughput-grid.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
// --name=VALUE (scripts/run-benches.mjs passes only dash-words through)
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const budgetSeconds = Number(value('budget') ?? 90);
const sizes = (value('sizes') ?? '64').split(',').map(Number);
if (sizes.some((s) => !Number.isInteger(s) || s < 32))
  throw new Error(`train.bench: --sizes must be integers >= 32, received ${value('sizes')}`);

const available = await availableBackends();
const asked = value('backends')?.split(',') as ResolvedBackendName[] | undefined;
const unknown = asked?.filter((b) => !available.includes(b)) ?? [];
if (unknown.length) throw new Error(`train.bench: --backends ${unknown.join(',')} do not start here (these do: ${available.join(', ')})`);
// cpu (pure JS, well under 1 img/s for training) only on request, or when nothing else starts
const fast = available.filter((b) => b !== 'cpu');
const backends = asked ?? (fast.length ? fast : available);

const grid: GridOptions = {
  backbones: benchBackbones,
  sizes,
  batch: 32,
  backends,
  modes: ['train', 'forward'],
  budgetSeconds,
};
const note = [
  ...(sizes.includes(224) ? [] : ['224 px cells only with --sizes=64,224']),
  ...(backends.includes('cpu') || !available.includes('cpu') ? [] : ['cpu cells only with --backends=wasm,cpu']),
].join('; ');
if (args.includes('--dry-run')) {
  for (const line of formatGridPlan(await planThroughputGrid(grid), note)) console.error(line);
} else {
  const cells = await runThroughputGrid({
    ...grid,
    onPlan: (plan) => {
      for (const line of formatGridPlan(plan, note)) console.error(line);
    },
    onCell: (c, p) => console.error(formatCellLine(c, p)),
  });
  if (json) {
    console.log(
      JSON.stringify(
        cells.map(({ backbone, size, batch, backend, mode, imagesPerSecond }) => ({
          backbone,
          size,
          batch,
          backend,
          mode,
          imagesPerSecond,
        })),
      ),
    );
  } else {
    console.log(formatThroughputTable(cells));
  }
}
