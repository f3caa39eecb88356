// `npm run bench`: training and forward throughput (images/s, median of timed steps after
// warm-up) of the five benchmark backbones at 64 and 224 px, batch 32, on every backend that
// starts here. Flags: --json, --quick (64 px only), --budget=SECONDS per cell (default 90).
import { formatThroughputTable } from './format-table.ts';
import { benchBackbones, runThroughputGrid } from './throughput-grid.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
// --budget=SECONDS (scripts/run-benches.mjs passes only dash-words through)
const budgetArg = args.find((a) => a.startsWith('--budget='));
const budgetSeconds = budgetArg ? Number(budgetArg.slice('--budget='.length)) : 90;

const cells = await runThroughputGrid({
  backbones: benchBackbones,
  sizes: quick ? [64] : [64, 224],
  batch: 32,
  backends: 'available',
  modes: ['train', 'forward'],
  budgetSeconds,
  onCell: (c) => {
    if (!json)
      console.error(
        `  ${c.backend} ${c.backbone} ${c.size}px ${c.mode}: ${c.imagesPerSecond?.toFixed(1) ?? '-'} img/s${c.note ? ` (${c.note})` : ''}`,
      );
  },
});
if (json) {
  console.log(
    JSON.stringify(
      cells.map(({ backbone, size, batch, backend, mode, imagesPerSecond }) => ({ backbone, size, batch, backend, mode, imagesPerSecond })),
    ),
  );
} else {
  console.log(formatThroughputTable(cells));
}
