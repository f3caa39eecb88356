/**
 * `cxr sweep status [EXPERIMENT]`: the table `cxr sweep --dry-run` prints, for one experiment or
 * every one. Read-only like `cxr db status`: the database is opened read-only (never created or
 * migrated) and no phantom set is generated. Shards of Slurm tasks under `<db>.slurm/` that are
 * not merged yet count too (read in memory, never written).
 */
import { availableParallelism } from 'node:os';
import type { CliCommand } from '../command-types.ts';
import { resolveSweep, sweepDbPath, sweepOptions, SWEEP_DATA_ROOT, type SweepArgs } from '../sweep-args.ts';
import { findSweepExperiment, sweepExperiments } from '../test-experiments.ts';
import { cellFingerprints } from '../../sweep/cell-fingerprints.ts';
import { formatPlan, planCounts } from '../../sweep/format-plan.ts';
import type { PlannedCell } from '../../sweep/plan-cells.ts';
import { planSearch } from '../../search/search-plan.ts';
import { shardsFor, withResultsView } from '../../sweep/slurm/shard-view.ts';

interface StatusArgs extends SweepArgs {
  experiment?: string;
  workers?: number;
  json: boolean;
}

const command: CliCommand = {
  group: 'sweep',
  module: {
    command: 'status [experiment]',
    describe: "Each experiment's cells with status (done, running, pending, failed, not registered) and estimated time",
    builder: (y) =>
      sweepOptions(y, 'cxr sweep status')
        .positional('experiment', { type: 'string', describe: 'One experiment (default: every one)' })
        .option('workers', { type: 'number', requiresArg: true, describe: 'Workers the estimate assumes (default: one per core)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON' }),
    handler: async (argv) => {
      const a = argv as unknown as StatusArgs;
      const definitions = a.experiment ? [await findSweepExperiment(a.experiment)] : await sweepExperiments();
      const dbPath = sweepDbPath(a);
      const workers = a.workers ?? availableParallelism();
      const shards = shardsFor(dbPath);
      const warn = (line: string) => process.stderr.write(`${line}\n`);
      const out: {
        experiment: string;
        profile: string;
        counts?: Record<string, number>;
        cells?: PlannedCell[];
        search?: string[];
        error?: string;
      }[] = [];
      for (const definition of definitions) {
        try {
          const resolved = resolveSweep(definition, a);
          const fingerprints = await cellFingerprints(resolved.cells, SWEEP_DATA_ROOT, 'peek');
          const { plan, lines } =
            withResultsView(dbPath, shards, (store) => planSearch(resolved, store, fingerprints), warn) ??
            planSearch(resolved, undefined, fingerprints);
          out.push({ experiment: definition.name, profile: resolved.profile.name, counts: planCounts(plan), cells: plan, search: lines });
          if (!a.json)
            for (const line of [...formatPlan(definition.name, resolved.profile.name, plan, workers), ...lines, '']) console.log(line);
        } catch (error) {
          // one experiment that cannot be resolved or read (a real dataset without --data-dir) does not hide the others
          const message = error instanceof Error ? error.message : String(error);
          out.push({ experiment: definition.name, profile: a.profile, error: message });
          if (!a.json) console.log(`${definition.name} (profile ${a.profile}): ${message}\n`);
        }
      }
      if (a.json) console.log(JSON.stringify({ db: dbPath, workers, experiments: out }));
    },
  },
};

export default command;
