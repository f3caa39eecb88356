/**
 * `cxr train`: one run = one (configuration, seed), trained, evaluated and recorded in results.db.
 * A run already done in the database is not repeated; a killed run resumes from its checkpoint.
 * Ctrl-C (SIGINT) or SIGTERM hands the run back as pending after the current batch (exit 130 / 143);
 * a run held by another live process is reported busy with its holder (exit 3).
 */
import { openResultsStore } from '@cxr/results';
import {
  backendNames,
  checkRunPrerequisites,
  createProgress,
  runExperiment,
  selectBackend,
  TrainInterruptedError,
  type BackendName,
} from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { configFromArgs, configOptions, type ConfigArgs } from '../config-from-args.ts';
import { installInterrupts, signalExitCode } from '../interrupts.ts';
import { seedOption } from '../parse-seed.ts';
import { BUSY_EXIT_CODE, busyMessage, interruptedMessage } from '../run-ownership.ts';
import { runHooksFromEnv } from '../test-hooks.ts';
import { problemSummaryLine } from '../db-format.ts';

interface TrainArgs extends ConfigArgs {
  seed: number;
  backend: BackendName;
  db?: string;
  experiment: string;
  json: boolean;
  takeOver: boolean;
  maxDroppedFraction: number;
}

/** Where runExperiment finds weights/pretrained (its default weightsRoot). */
const WEIGHTS_ROOT = 'weights';

const command: CliCommand = {
  module: {
    command: 'train',
    describe: 'Train and evaluate one (configuration, seed) and record it in results.db',
    builder: (y) =>
      configOptions(y)
        .option('seed', seedOption('cxr train', 1, 'Run seed (an integer from 0 to 2147483647): every random choice derives from it'))
        .option('backend', {
          type: 'string',
          choices: backendNames,
          default: 'auto' as BackendName,
          describe: 'tfjs backend; auto tries tensorflow-gpu, tensorflow, webgpu (hardware adapter), wasm, cpu',
        })
        .option('db', { type: 'string', describe: 'results database (default $CXR_DB or results.db)' })
        .option('experiment', { type: 'string', default: 'adhoc', describe: 'Experiment the config is registered under' })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print only a JSON result (run id, status, test macro metrics) on stdout',
        })
        .option('take-over', {
          type: 'boolean',
          default: false,
          describe: 'Claim the run even if another process holds it with a fresh heartbeat (a holder on another host known to be dead)',
        })
        .option('max-dropped-fraction', {
          type: 'number',
          default: 0.01,
          describe: "Fail before training when more than this fraction of the dataset's rows were dropped as problems",
        }),
    handler: async (argv) => {
      const a = argv as unknown as TrainArgs;
      const { config, label } = configFromArgs(a, 'cxr train');
      checkRunPrerequisites(config, { weightsRoot: WEIGHTS_ROOT });
      const progress = createProgress(process.stderr);
      const backend = await selectBackend(a.backend, (line) => progress.message(line));
      const store = openResultsStore(a.db ? { path: a.db } : {});
      const interrupts = installInterrupts(); // issue 13: Ctrl-C / SIGTERM hand the run back as pending
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
          signal: interrupts.signal,
          takeOver: a.takeOver,
          maxDroppedFraction: a.maxDroppedFraction,
        }).catch((error: unknown) => {
          if (!(error instanceof TrainInterruptedError)) throw error;
          if (a.json) console.log(JSON.stringify({ runId: error.runId, status: 'interrupted', epochsDone: error.epochsDone }));
          console.error(interruptedMessage(error));
          process.exitCode = signalExitCode(interrupts.received() ?? 'SIGINT');
          return undefined;
        });
        if (!out) return;
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
              ...(out.status === 'busy' ? { holder: out.holder ?? null } : {}),
            }),
          );
        } else if (out.status === 'busy') {
          console.log(busyMessage(out.runId, out.holder));
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
        if (out.status === 'busy') process.exitCode = BUSY_EXIT_CODE;
      } finally {
        interrupts.dispose();
        store.close();
      }
    },
  },
};

export default command;
