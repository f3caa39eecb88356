import type { CommandModule } from 'yargs';

/**
 * One `cxr` command. Files in ./commands default-export one or an array of these; `group` nests
 * the command under a parent word (`cxr datasets inspect` = group 'datasets', command 'inspect').
 */
export interface CliCommand {
  group?: string;
  module: CommandModule<any, any>;
}

/** Descriptions of the parent words that group commands. */
export const groupDescriptions: Record<string, string> = {
  db: 'Inspect the results store (results.db)',
  datasets: 'Inspect, generate and view datasets',
  models: 'Describe backbones and heads',
  bench: 'Measure throughput',
  sweep: "Run an experiment's cells in parallel workers (cxr sweep EXPERIMENT), show their status, prepare their data and weights",
  config: 'Print the run config schema or a resolved config',
};
