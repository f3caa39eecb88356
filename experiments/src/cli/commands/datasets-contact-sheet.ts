/**
 * `cxr datasets contact-sheet`: tiles, for each phantom label, a negative beside a subtle and a
 * typical positive, so a person can check that every signature is visible and none trivially so.
 * Each label's name heads its cell and each tile has its own caption, sized to fit (issue 13).
 */
import { makeContactSheet } from '@cxr/data';
import type { CliCommand } from '../command-types.ts';

const command: CliCommand = {
  group: 'datasets',
  module: {
    command: 'contact-sheet',
    describe: 'Tile a negative, a subtle and a typical positive per label of a phantom set into one PNG',
    builder: (y) =>
      y
        .option('data-dir', { type: 'string', demandOption: true, describe: 'A folder written by `cxr datasets make-phantom`' })
        .option('out', { type: 'string', demandOption: true, describe: 'PNG file to write' })
        .option('scale', { type: 'number', default: 2, describe: 'Nearest-neighbour enlargement of each tile' }),
    handler: async (argv) => {
      const a = argv as unknown as { dataDir: string; out: string; scale: number };
      const { picks, layout } = await makeContactSheet({ dataDir: a.dataDir, out: a.out, scale: a.scale });
      const missing = picks.filter((p) => !p.typical).map((p) => p.label);
      console.log(
        `contact sheet: ${a.out} (${picks.length} labels, ${layout.width}x${layout.height} px${missing.length ? `; no positive for ${missing.join(', ')}` : ''})`,
      );
    },
  },
};

export default command;
