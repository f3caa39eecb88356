/**
 * `cxr train`: one run = one (configuration, seed), trained, evaluated and recorded in results.db.
 * A run already done in the database is not repeated; a killed run resumes from its checkpoint.
 */
import { readFileSync } from 'node:fs';
import { openResultsStore } from '@cxr/results';
import {
  PRESET_NAMES,
  backendNames,
  configFromJson,
  createProgress,
  presetConfig,
  resolveConfig,
  runExperiment,
  selectBackend,
  type BackendName,
  type ConfigLayer,
  type RunConfig,
} from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { problemSummaryLine } from '../db-format.ts';

interface TrainArgs {
  preset?: string;
  config?: string;
  seed: number;
  dataset?: 'padchest' | 'nih' | 'chexpert' | 'phantom';
  dataDir?: string;
  backend: BackendName;
  db?: string;
  experiment: string;
  json: boolean;
  maxDroppedFraction: number;
}

/** The run config of the flags: a preset or a config file, then --dataset / --data-dir. */
export function configFromArgs(a: Pick<TrainArgs, 'preset' | 'config' | 'dataset' | 'dataDir'>): { config: RunConfig; label: string } {
  if (a.preset && a.config) throw new Error('cxr train: give --preset or --config, not both');
  let base: RunConfig;
  let label: string;
  if (a.config) {
    base = configFromJson(JSON.parse(readFileSync(a.config, 'utf8')) as unknown, a.config);
    label = a.config;
  } else {
    base = presetConfig(a.preset ?? 'smoke');
    label = a.preset ?? 'smoke';
  }
  const dataset: Record<string, unknown> = {};
  if (a.dataset) dataset['name'] = a.dataset;
  if (a.dataDir) dataset['dataDir'] = a.dataDir;
  const layers: ConfigLayer[] = Object.keys(dataset).length ? [{ source: '--dataset/--data-dir', values: { dataset } }] : [];
  return { config: resolveConfig(base, layers), label };
}

const command: CliCommand = {
  module: {
    command: 'train',
    describe: 'Train and evaluate one (configuration, seed) and record it in results.db',
    builder: (y) =>
      y
        .option('preset', { type: 'string', choices: PRESET_NAMES, describe: 'A named configuration (default smoke)' })
        .option('config', { type: 'string', describe: 'A JSON config file: {"extends": PRESET, ...overrides}' })
        .option('seed', { type: 'number', default: 1, describe: 'Run seed: every random choice derives from it' })
        .option('dataset', {
          type: 'string',
          choices: ['padchest', 'nih', 'chexpert', 'phantom'] as const,
          describe: 'Override the dataset',
        })
        .option('data-dir', { type: 'string', describe: 'Dataset folder (default for phantom: generated under data/phantom)' })
        .option('backend', {
          type: 'string',
          choices: backendNames,
          default: 'auto' as BackendName,
          describe: 'tfjs backend; auto tries tensorflow-gpu, tensorflow, wasm, cpu',
        })
        .option('db', { type: 'string', describe: 'results database (default $CXR_DB or results.db)' })
        .option('experiment', { type: 'string', default: 'adhoc', describe: 'Experiment the config is registered under' })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print only a JSON result (run id, status, test macro metrics) on stdout',
        })
        .option('max-dropped-fraction', {
          type: 'number',
          default: 0.01,
          describe: "Fail before training when more than this fraction of the dataset's rows were dropped as problems",
        }),
    handler: async (argv) => {
      const a = argv as unknown as TrainArgs;
      if (!Number.isInteger(a.seed) || a.seed < 0) throw new Error(`cxr train: --seed must be an integer >= 0, received ${a.seed}`);
      const { config, label } = configFromArgs(a);
      const progress = createProgress(process.stderr);
      const backend = await selectBackend(a.backend, (line) => progress.message(line));
      const store = openResultsStore(a.db ? { path: a.db } : {});
      try {
        const out = await runExperiment({
          config,
          seed: a.seed,
          store,
          backend: backend.backend,
          experiment: a.experiment,
          label,
          progress,
          maxDroppedFraction: a.maxDroppedFraction,
        });
        const macro = Object.fromEntries(Object.entries(out.test).filter(([k]) => k.startsWith('macro_') || k === 'brier'));
        if (a.json) {
          console.log(
            JSON.stringify({
              runId: out.runId,
              status: out.status,
              configHash: out.configHash,
              seed: a.seed,
              backend: backend.backend,
              test: macro,
              bestEpoch: out.bestEpoch ?? null,
              seconds: out.seconds,
            }),
          );
        } else {
          const figures = Object.entries(macro)
            .map(([k, v]) => `${k} ${v.toFixed(4)}`)
            .join(', ');
          console.log(`run ${out.runId} ${out.status}${figures ? `: test ${figures}` : ''} (${out.seconds.toFixed(1)} s)`);
        }
        // ---- problems (issue 13): the dataset's problems by kind, when it had any ----
        const problemLine = out.status === 'busy' ? null : problemSummaryLine(store.problemCounts(out.runId), out.runId);
        if (problemLine) (a.json ? console.error : console.log)(problemLine);
        // ---- end problems ----
        if (out.status === 'busy') process.exitCode = 3;
      } finally {
        store.close();
      }
    },
  },
};

export default command;
