/**
 * `cxr train`: one run = one (configuration, seed), trained, evaluated and recorded in results.db.
 * A run already done in the database is not repeated; a killed run resumes from its checkpoint.
 */
import { openResultsStore } from '@cxr/results';
import { backendNames, checkRunPrerequisites, createProgress, runExperiment, selectBackend, type BackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { configFromArgs, configOptions, type ConfigArgs } from '../config-from-args.ts';
import { runHooksFromEnv } from '../test-hooks.ts';

interface TrainArgs extends ConfigArgs {
  seed: number;
  backend: BackendName;
  db?: string;
  experiment: string;
  json: boolean;
}

/** Where runExperiment finds weights/pretrained (its default weightsRoot). */
const WEIGHTS_ROOT = 'weights';

const command: CliCommand = {
  module: {
    command: 'train',
    describe: 'Train and evaluate one (configuration, seed) and record it in results.db',
    builder: (y) =>
      configOptions(y)
        .option('seed', { type: 'number', default: 1, describe: 'Run seed: every random choice derives from it' })
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
        }),
    handler: async (argv) => {
      const a = argv as unknown as TrainArgs;
      if (!Number.isInteger(a.seed) || a.seed < 0) throw new Error(`cxr train: --seed must be an integer >= 0, received ${a.seed}`);
      const { config, label } = configFromArgs(a, 'cxr train');
      checkRunPrerequisites(config, { weightsRoot: WEIGHTS_ROOT });
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
          weightsRoot: WEIGHTS_ROOT,
          progress,
          hooks: runHooksFromEnv(process.env),
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
        if (out.status === 'busy') process.exitCode = 3;
      } finally {
        store.close();
      }
    },
  },
};

export default command;
