/**
 * `cxr config show`: prints the run config that `cxr train` would run with the same flags
 * (preset or file, --dataset / --data-dir, --set), resolved and checked, as JSON, with its hash.
 */
import { configHash } from '@cxr/results';
import type { CliCommand } from '../command-types.ts';
import { configFromArgs, configOptions, type ConfigArgs } from '../config-from-args.ts';

const command: CliCommand = {
  group: 'config',
  module: {
    command: 'show',
    describe: 'Print the resolved run config of --preset / --config / --set as JSON',
    builder: (y) => configOptions(y).option('hash', { type: 'boolean', default: false, describe: 'Print only the config hash' }),
    handler: (argv) => {
      const a = argv as unknown as ConfigArgs & { hash: boolean };
      const { config } = configFromArgs(a, 'cxr config show');
      process.stdout.write(a.hash ? `${configHash(config)}\n` : `${JSON.stringify(config, null, 2)}\n`);
    },
  },
};

export default command;
