/**
 * The flags `cxr sweep`, `cxr sweep status` and `cxr sweep prepare` share - --profile, --seeds,
 * --dataset / --data-dir, --set, --db - and their resolution into a ResolvedExperiment (the
 * --dataset/--data-dir and --set layers go over every level, as configLayersFromArgs makes them).
 */
import { resolve } from 'node:path';
import { DATASET_NAMES, type DatasetName } from '@cxr/data';
import { defaultResultsPath } from '@cxr/results';
import type { Argv } from 'yargs';
import type { ExperimentDefinition } from '../experiments/definition.ts';
import { PROFILE_NAMES } from '../experiments/profiles/index.ts';
import { parseSeedsOption, resolveExperiment, type ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import { configLayersFromArgs } from './config-from-args.ts';

export interface SweepArgs {
  profile: string;
  seeds?: number[];
  dataset?: DatasetName;
  dataDir?: string;
  set?: string[];
  db?: string;
}

/** Where a sweep finds weights/pretrained and writes generated data (as `cxr train`: the working directory's). */
export const SWEEP_WEIGHTS_ROOT = 'weights';
export const SWEEP_DATA_ROOT = 'data';

/**
 * Adds the shared flags to a sweep command.
 *
 * @example builder: (y) => sweepOptions(y).option('dry-run', { type: 'boolean' })
 */
export function sweepOptions<T>(y: Argv<T>, command: string) {
  return y
    .option('profile', { type: 'string', choices: PROFILE_NAMES, default: 'default', describe: 'Config layer applied to every level' })
    .option('seeds', {
      type: 'string',
      requiresArg: true,
      describe: "Seeds of every level: a count N (seeds 1..N) or a list (1,2,5); default the experiment's (1,2,3)",
      coerce: (text: string) => parseSeedsOption(text, command),
    })
    .option('dataset', { type: 'string', choices: DATASET_NAMES, describe: 'Override the dataset of every level' })
    .option('data-dir', {
      type: 'string',
      describe:
        'Dataset folder (default for phantom, nih, chexpert: the phantom set generated under data/phantom, data/phantom-nih, data/phantom-chexpert)',
    })
    .option('set', {
      type: 'string',
      array: true,
      describe: 'Override one config key for the whole sweep, e.g. --set epochs=3 (value: JSON, else a string)',
    })
    .option('db', { type: 'string', describe: 'Results database (default: $CXR_DB, else results.db in the current directory)' });
}

/** The database path of the flags: --db, else $CXR_DB, else ./results.db (absolute). */
export function sweepDbPath(a: Pick<SweepArgs, 'db'>): string {
  return a.db === undefined ? defaultResultsPath() : resolve(a.db);
}

/**
 * The experiment under the flags' profile, seeds and layers.
 *
 * @throws ExperimentDefinitionError / TrainConfigError (resolveExperiment) naming the file, layer and key.
 * @example resolveSweep(findExperiment('table2-unfreeze'), { profile: 'smoke' }).cells.length // 18
 */
export function resolveSweep(definition: ExperimentDefinition, a: SweepArgs): ResolvedExperiment {
  return resolveExperiment(definition, { profile: a.profile, ...(a.seeds ? { seeds: a.seeds } : {}), extra: configLayersFromArgs(a) });
}
