/**
 * The run-config flags shared by `cxr train` and `cxr config show`: a preset or a config file,
 * then --dataset / --data-dir, then each --set KEY=VALUE, resolved in that order.
 */
import { DATASET_NAMES, type DatasetName } from '@cxr/data';
import { PRESET_NAMES, overrideFromSet, presetConfig, readConfigFile, resolveConfig, type ConfigLayer, type RunConfig } from '@cxr/train';
import type { Argv } from 'yargs';

/** The parsed config flags. */
export interface ConfigArgs {
  preset?: string;
  config?: string;
  dataset?: DatasetName;
  dataDir?: string;
  set?: string[];
  /** The label to register the config under, instead of the derived one. */
  label?: string;
}

/**
 * Adds --preset, --config, --dataset, --data-dir and a repeatable --set to a command.
 *
 * @example builder: (y) => configOptions(y).option('seed', { type: 'number' })
 */
export function configOptions<T>(y: Argv<T>) {
  return y
    .option('preset', { type: 'string', choices: PRESET_NAMES, describe: 'A named configuration (default smoke)' })
    .option('config', { type: 'string', describe: 'A JSON config file: {"extends": PRESET, ...overrides} (see cxr config schema)' })
    .option('dataset', { type: 'string', choices: DATASET_NAMES, describe: 'Override the dataset' })
    .option('data-dir', {
      type: 'string',
      describe:
        'Dataset folder (default for phantom, nih, chexpert: the phantom set generated under data/phantom, data/phantom-nih, data/phantom-chexpert)',
    })
    .option('set', {
      type: 'string',
      array: true,
      describe: 'Override one config key, e.g. --set model.backbone=mobilenetv2 --set epochs=3 (value: JSON, else a string)',
    })
    .option('label', {
      type: 'string',
      requiresArg: true,
      describe: "The config's label within its experiment (default: the preset or file name, then each --set)",
    });
}

/**
 * The resolved run config of the flags and the label it is registered under: --label, else the
 * preset's or the file's name followed by each --set (`smoke epochs=30`), so two configs made from
 * one preset do not share a label.
 *
 * @throws Error when both --preset and --config are given or --label is empty; TrainConfigError for a bad file, key or value.
 * @example configFromArgs({ preset: 'smoke', set: ['epochs=1'] }, 'cxr train').config.epochs // 1
 */
export function configFromArgs(a: ConfigArgs, command: string): { config: RunConfig; label: string } {
  if (a.preset && a.config) throw new Error(`${command}: give --preset or --config, not both`);
  const base = a.config ? readConfigFile(a.config) : presetConfig(a.preset ?? 'smoke');
  if (a.label !== undefined && a.label.trim() === '') throw new Error(`${command}: --label must not be empty`);
  const label = a.label ?? [a.config ?? a.preset ?? 'smoke', ...(a.set ?? [])].join(' ');
  return { config: resolveConfig(base, configLayersFromArgs(a)), label };
}

/**
 * The override layers of --dataset / --data-dir, then each --set KEY=VALUE, in that order (what
 * configFromArgs applies over its preset, and `cxr sweep` over every level of an experiment).
 *
 * @throws TrainConfigError for a --set that is not KEY=VALUE.
 * @example configLayersFromArgs({ dataset: 'nih', dataDir: '/data/nih', set: ['epochs=3'] }).map((l) => l.source) // ['--dataset/--data-dir', '--set epochs=3']
 */
export function configLayersFromArgs(a: Pick<ConfigArgs, 'dataset' | 'dataDir' | 'set'>): ConfigLayer[] {
  const dataset: Record<string, unknown> = {};
  if (a.dataset) dataset['name'] = a.dataset;
  if (a.dataDir) dataset['dataDir'] = a.dataDir;
  const layers: ConfigLayer[] = Object.keys(dataset).length ? [{ source: '--dataset/--data-dir', values: { dataset } }] : [];
  for (const spec of a.set ?? []) layers.push(overrideFromSet(spec));
  return layers;
}
