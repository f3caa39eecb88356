/**
 * `cxr datasets make-phantom`: writes the synthetic chest-radiograph phantom set in PadChest's
 * layout (label CSV, 16-bit PNGs in numbered folders), or with --layout nih|chexpert in
 * ChestX-ray14's or CheXpert-v1.0-small's layout, each read by that dataset's adapter. Reuses a complete set with the same
 * parameters; the default is what `nx run data:phantom` builds and the sweep uses.
 */
import { DEFAULT_PHANTOM_SET, PHANTOM_LABEL_SETS, PHANTOM_LAYOUTS, writePhantomDataset, type PhantomLayout } from '@cxr/data';
import type { CliCommand } from '../command-types.ts';
import { seedOption } from '../parse-seed.ts';

interface MakePhantomArgs {
  out: string;
  images: number;
  size: number;
  seed: number;
  labels: string;
  layout: PhantomLayout;
}

/** Progress as one rewritten line on a terminal, a plain line every 10 % elsewhere. */
function progressPrinter(): (done: number, total: number) => void {
  const start = performance.now();
  let lastTenth = -1;
  return (done, total) => {
    const seconds = (performance.now() - start) / 1000;
    const rate = done / Math.max(seconds, 1e-9);
    const eta = (total - done) / rate;
    const line = `phantom ${done}/${total} images, ${rate.toFixed(0)} images/s, ETA ${eta.toFixed(0)} s`;
    if (process.stderr.isTTY) {
      if (done === total || done % 50 === 0) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    } else {
      const tenth = Math.floor((10 * done) / total);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${line}\n`);
      }
    }
  };
}

const command: CliCommand = {
  group: 'datasets',
  module: {
    command: 'make-phantom',
    describe: 'Write the synthetic phantom dataset in PadChest, NIH or CheXpert layout (deterministic in its seed)',
    builder: (y) =>
      y
        .option('out', { type: 'string', demandOption: true, describe: 'Output folder (replaced atomically)' })
        .option('images', { type: 'number', default: DEFAULT_PHANTOM_SET.images, describe: 'CSV rows (PA, AP and lateral images)' })
        .option('size', { type: 'number', default: DEFAULT_PHANTOM_SET.size, describe: 'Image side in pixels' })
        .option('seed', seedOption('cxr datasets make-phantom', DEFAULT_PHANTOM_SET.seed))
        .option('labels', { type: 'string', default: 'padchest10', choices: [...PHANTOM_LABEL_SETS] })
        .option('layout', {
          type: 'string',
          default: 'padchest',
          choices: [...PHANTOM_LAYOUTS],
          describe: "Dataset layout: PadChest's CSV, ChestX-ray14's Data_Entry_2017.csv or CheXpert-v1.0-small's train/valid.csv",
        }),
    handler: async (argv) => {
      const a = argv as unknown as MakePhantomArgs;
      const start = performance.now();
      const r = await writePhantomDataset({
        outDir: a.out,
        images: a.images,
        size: a.size,
        seed: a.seed,
        labels: a.labels,
        layout: a.layout,
        onProgress: progressPrinter(),
      });
      const seconds = ((performance.now() - start) / 1000).toFixed(1);
      const proj = Object.entries(r.projections)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(
        r.reused
          ? `phantom: ${r.outDir} is already complete (${r.images} images, key ${r.key.slice(0, 12)}); nothing to do`
          : `phantom: wrote ${r.images} images (${proj}) of ${r.patients} patients / ${r.studies} studies to ${r.outDir} (${a.layout} layout) in ${seconds} s`,
      );
    },
  },
};

export default command;
