/**
 * `cxr config schema`: prints the JSON Schema of run config files, so
 * `cxr config schema > run-config.schema.json` and `"$schema": "./run-config.schema.json"` in a
 * config file let editors complete keys and names and flag typos.
 */
import { configFileJsonSchema } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';

const command: CliCommand = {
  group: 'config',
  module: {
    command: 'schema',
    describe: 'Print the JSON Schema of config files ({"extends": PRESET, ...overrides}) for editors',
    builder: (y) => y,
    handler: () => {
      process.stdout.write(`${JSON.stringify(configFileJsonSchema(), null, 2)}\n`);
    },
  },
};

export default command;
