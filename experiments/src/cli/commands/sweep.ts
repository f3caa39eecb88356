/**
 * `cxr sweep EXPERIMENT`: runs every (level, seed) cell of an experiment that is not done yet, in
 * worker processes, and ends with its report. Every cell is registered up front (pending), so a
 * second invocation - or one with more seeds - runs only what is missing; failed cells are
 * reported (exit 1) and rerun only with --retry-failed; `--dry-run` prints the plan and changes
 * nothing. An experiment with a search runs its trials with the grid, then the best trial's
 * replication (search/run-search-sweep.ts). Ctrl-C / SIGTERM hand every running cell back as
 * pending and say how to resume (exit 130 / 143). `--launcher slurm` submits a job array instead
 * (sweep-slurm-args.ts). The `status`, `prepare` and hidden `worker` subcommands live in sweep-*.ts.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { openResultsStore } from '@cxr/results';
import { backendNames, createProgress, selectBackend, type BackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { installInterrupts, signalExitCode } from '../interrupts.ts';
import { resumeCommand } from '../resume-command.ts';
import { resolveSweep, sweepDbPath, sweepOptions, SWEEP_DATA_ROOT, SWEEP_WEIGHTS_ROOT, type SweepArgs } from '../sweep-args.ts';
import { slurmSweep, slurmSweepOptions, type SlurmSweepArgs } from '../sweep-slurm-args.ts';
import { findSweepExperiment } from '../test-experiments.ts';
import { withStore } from './db.ts';
import { cellFingerprints } from '../../sweep/cell-fingerprints.ts';
import { defaultWorkerCount } from '../../sweep/default-workers.ts';
import { forkSweepWorker } from '../../sweep/fork-worker.ts';
import { formatPlan, planCounts, planEstimate } from '../../sweep/format-plan.ts';
import { neededBackbones } from '../../sweep/prepare-sweep.ts';
import { runSearchSweep } from '../../search/run-search-sweep.ts';
import { planSearch } from '../../search/search-plan.ts';
import { writeSweepReport } from '../../sweep/sweep-report.ts';
import { formatSummary, summarizeSweep, summaryExitCode } from '../../sweep/sweep-summary.ts';
import { createSweepView } from '../../sweep/sweep-view.ts';

interface SweepRunArgs extends SweepArgs, SlurmSweepArgs {
  experiment: string;
  workers?: number;
  dryRun: boolean;
  retryFailed: boolean;
  backend: BackendName;
  out: string;
  json: boolean;
}

const command: CliCommand = {
  group: 'sweep',
  module: {
    command: '$0 <experiment>',
    describe: 'Run every cell (level x seed) of an experiment not done yet, in parallel worker processes, then write its report',
    builder: (y) =>
      slurmSweepOptions(sweepOptions(y, 'cxr sweep'))
        .positional('experiment', { type: 'string', describe: 'Experiment name (cxr sweep status lists them)' })
        .option('workers', {
          type: 'number',
          requiresArg: true,
          describe: 'Cells run at once, one process each (default: one per core for wasm and cpu, else 1)',
        })
        .option('dry-run', { type: 'boolean', default: false, describe: 'List the cells with status and estimated time; change nothing' })
        .option('retry-failed', { type: 'boolean', default: false, describe: 'Run failed cells again (else they are reported, not rerun)' })
        .option('backend', {
          type: 'string',
          choices: backendNames,
          default: 'auto' as BackendName,
          describe: 'tfjs backend of every worker',
        })
        .option('out', { type: 'string', default: 'reports', describe: 'Folder of the report written at the end' })
        .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary (or plan) on stdout' })
        .check((a) => {
          if (a.workers !== undefined && !(Number.isInteger(a.workers) && (a.workers as number) >= 1))
            throw new Error(`cxr sweep: --workers must be an integer >= 1, received ${JSON.stringify(a.workers)}`);
          return true;
        }),
    handler: async (argv) => {
      const a = argv as unknown as SweepRunArgs;
      const resolved = resolveSweep(await findSweepExperiment(a.experiment), a);
      const dbPath = sweepDbPath(a);
      const err = (line: string) => process.stderr.write(`${line}\n`);
      const name = resolved.definition.name;
      if (a.launcher === 'slurm') return slurmSweep(a, resolved, dbPath);

      if (a.dryRun) {
        const fingerprints = await cellFingerprints(resolved.cells, SWEEP_DATA_ROOT, 'peek');
        const { plan, lines: searchLines } =
          withStore(dbPath, (store) => planSearch(resolved, store, fingerprints)) ?? planSearch(resolved, undefined, fingerprints);
        const workers = a.workers ?? (a.backend === 'auto' ? availableParallelism() : defaultWorkerCount(a.backend));
        if (a.json) {
          const estimate = planEstimate(a.retryFailed ? plan : plan.filter((c) => c.status !== 'failed'), workers);
          console.log(
            JSON.stringify({
              experiment: name,
              profile: resolved.profile.name,
              seeds: resolved.seeds,
              db: dbPath,
              workers,
              counts: planCounts(plan),
              estimate,
              cells: plan,
              search: searchLines,
            }),
          );
        } else {
          for (const line of [...formatPlan(name, resolved.profile.name, plan, workers, a.retryFailed), ...searchLines]) console.log(line);
          for (const need of neededBackbones(resolved, SWEEP_WEIGHTS_ROOT).filter((n) => n.missing))
            console.log(
              `needs pretraining first (cxr sweep does it, or cxr sweep prepare ${name}): ${need.backbone} at ${need.size} px -> ${resolve(need.dir)}`,
            );
        }
        return;
      }

      const progress = createProgress(process.stderr);
      const backend = await selectBackend(a.backend, (line) => progress.message(line));
      const workers = a.workers ?? defaultWorkerCount(backend.backend);
      const store = openResultsStore({ path: dbPath });
      const interrupts = installInterrupts({
        write: (line) => err(line.replace('handing the run back', 'handing every running cell back')),
      });
      const started = performance.now();
      const resume = resumeCommand(process.argv.slice(2));
      try {
        const { result, resolved: final } = await runSearchSweep({
          resolved,
          store,
          workers,
          retryFailed: a.retryFailed,
          dataRoot: SWEEP_DATA_ROOT,
          weightsRoot: SWEEP_WEIGHTS_ROOT,
          spawn: () =>
            forkSweepWorker({
              db: store.path,
              backend: backend.backend,
              weightsRoot: resolve(SWEEP_WEIGHTS_ROOT),
              dataRoot: resolve(SWEEP_DATA_ROOT),
            }),
          view: (t) => {
            err(
              `${name} (profile ${resolved.profile.name}): ${t.total} cells, ${t.done} done already, ${t.toRun} to run` +
                (t.toRun ? ` on ${t.workers} worker${t.workers === 1 ? '' : 's'} (${backend.backend})` : ''),
            );
            return createSweepView(process.stderr, { total: t.total, done: t.done, workers: t.workers });
          },
          signal: interrupts.signal,
          progress,
        });
        const report = result.interrupted ? null : await writeSweepReport(store, final.report, { out: a.out });
        const summary = summarizeSweep({
          experiment: name,
          profile: resolved.profile.name,
          seeds: resolved.seeds,
          db: store.path,
          backend: backend.backend,
          workers,
          registered: result.registered,
          outcomes: result.outcomes,
          runs: result.runs,
          interrupted: result.interrupted,
          seconds: (performance.now() - started) / 1000,
          report,
        });
        if (a.json) console.log(JSON.stringify(summary));
        if (result.interrupted) {
          err(`interrupted: ${summary.counts.pending} cell(s) not done, running ones handed back as pending; resume with: ${resume}`);
          process.exitCode = signalExitCode(interrupts.received() ?? 'SIGTERM');
          return;
        }
        const say = a.json ? err : (line: string) => console.log(line);
        for (const line of formatSummary(summary, resume)) say(line);
        process.exitCode = summaryExitCode(summary);
      } finally {
        interrupts.dispose();
        store.close();
      }
    },
  },
};

export default command;
