/**
 * `cxr config show`: prints the run config that `cxr train` would run with the same flags
 * (preset or file, --dataset / --data-dir, --set), resolved and checked, as JSON; `--hash` prints the
 * config hash its runs are registered under (runConfigHash: where the data lives left out).
 */
import { runConfigHash } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { configFromArgs, configOptions, type ConfigArgs } from '../config-from-args.ts';

const command: CliCommand = {
  group: 'config',
  module: {
    command: 'show',
    describe: 'Print the resolved run config of --preset / --config / --set as JSON',
    builder: (y) =>
      configOptions(y).option('hash', {
        type: 'boolean',
        default: false,
        describe: 'Print only the config hash (dataset.dataDir left out, as runs are registered)',
      }),
    handler: (argv) => {
      const a = argv as unknown as ConfigArgs & { hash: boolean };
      const { config } = configFromArgs(a, 'cxr config show');
      process.stdout.write(a.hash ? `${runConfigHash(config)}\n` : `${JSON.stringify(config, null, 2)}\n`);
    },
  },
};

export default command;
