/**
 * `cxr sweep EXPERIMENT --launcher slurm`: prepares what the cells need (phantom sets, pretrained
 * backbones) on the submitting machine, registers every cell in results.db, freezes the cells not
 * done yet - in results.db or in a shard not merged yet - into a cell list, writes the array and
 * merge scripts beside it and submits both (`sbatch --parsable`, the merge with afterany).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openMergedView, openResultsStore } from '@cxr/results';
import type { ProgressReporter } from '@cxr/train';
import type { ResolvedExperiment } from '../../experiments/resolve-experiment.ts';
import { cellFingerprints } from '../cell-fingerprints.ts';
import { planCells, type PlannedCell } from '../plan-cells.ts';
import { prepareSweep } from '../prepare-sweep.ts';
import { registerSweepCells } from '../register-cells.ts';
import { CELL_LIST_FORMAT, experimentHash, writeCellList, type CellList, type SweepFlags } from './cell-list.ts';
import { arrayScript, checkSlurmOptions, mergeScript, type ScriptContext, type SlurmJobOptions } from './sbatch-script.ts';
import { parseJobId, runSbatch } from './sbatch.ts';
import { SlurmSweepError } from './slurm-error.ts';
import { findShards, shardFile, slurmSweepDir } from './slurm-folder.ts';

export interface LaunchSlurmOptions {
  resolved: ResolvedExperiment;
  flags: SweepFlags;
  dbPath: string;
  job: SlurmJobOptions;
  /** How tasks start the CLI, where they run, with which backend. */
  context: Omit<ScriptContext, 'experiment' | 'logDir'>;
  retryFailed: boolean;
  dryRun: boolean;
  /** false: write the cell list and scripts but call no sbatch (another scheduler runs `run-cell`, e.g. a Kubernetes Indexed Job). */
  submit?: boolean;
  /** The report folder the merge job writes to (absolute). */
  reportOut: string;
  dataRoot: string;
  weightsRoot: string;
  progress: ProgressReporter;
  /** Runs `sbatch ARGS` and returns its stdout (tests replace it). */
  sbatch?: (args: string[]) => string;
  now?: () => Date;
}

export interface LaunchSlurmResult {
  /** The cells frozen into the list (task I = cells[I]). */
  cells: PlannedCell[];
  submitDir: string | null;
  arrayScript: string | null;
  mergeScript: string | null;
  arrayJobId: string | null;
  mergeJobId: string | null;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '');
}

/**
 * @throws SlurmSweepError for bad options or a failing sbatch; what prepareSweep throws.
 * @example await launchSlurmSweep({ resolved, flags: { profile: 'smoke' }, dbPath, job: { arrayParallel: 2 }, ... }) // { arrayJobId: '12', mergeJobId: '13', ... }
 */
export async function launchSlurmSweep(o: LaunchSlurmOptions): Promise<LaunchSlurmResult> {
  checkSlurmOptions(o.job);
  const experiment = o.resolved.definition.name;
  const sweepDir = slurmSweepDir(o.dbPath, experiment);
  const ctx: ScriptContext = { ...o.context, experiment, logDir: join(sweepDir, 'logs') };
  const fingerprints = o.dryRun
    ? await cellFingerprints(o.resolved.cells, o.dataRoot, 'peek')
    : (await prepareSweep(o.resolved, { dataRoot: o.dataRoot, weightsRoot: o.weightsRoot, progress: o.progress })).fingerprints;
  if (!o.dryRun) {
    const store = openResultsStore({ path: o.dbPath });
    try {
      registerSweepCells(store, o.resolved, fingerprints);
    } finally {
      store.close();
    }
  }
  const view = openMergedView(o.dbPath, findShards(o.dbPath));
  let plan: PlannedCell[];
  try {
    plan = planCells(o.resolved.cells, view.store, fingerprints);
  } finally {
    view.store.close();
  }
  const cells = plan.filter((c) => c.status !== 'done' && (o.retryFailed || c.status !== 'failed'));
  const empty: LaunchSlurmResult = { cells, submitDir: null, arrayScript: null, mergeScript: null, arrayJobId: null, mergeJobId: null };
  if (cells.length === 0) return empty;

  const submitDir = join(sweepDir, `submit-${stamp((o.now ?? (() => new Date()))())}`);
  const cellsFile = join(submitDir, 'cells.json');
  const array = arrayScript(ctx, o.job, cells.length, cellsFile);
  const merge = mergeScript(ctx, o.job, {
    shardDir: join(sweepDir, 'shards'),
    db: o.dbPath,
    profile: o.resolved.profile.name,
    reportOut: o.reportOut,
  });
  if (o.dryRun) return { ...empty, submitDir, arrayScript: array, mergeScript: merge };

  const list: CellList = {
    format: CELL_LIST_FORMAT,
    experiment,
    experimentHash: experimentHash(o.resolved),
    db: o.dbPath,
    flags: o.flags,
    createdAt: new Date().toISOString(),
    cells: cells.map((c) => {
      const fingerprint = fingerprints.get(c.index);
      if (!fingerprint)
        throw new SlurmSweepError(`launchSlurmSweep: cell ${c.index} (${c.level}, seed ${c.seed}) has no dataset fingerprint`);
      return {
        level: c.level,
        seed: c.seed,
        configHash: c.configHash,
        fingerprint,
        shard: shardFile(o.dbPath, experiment, c.configHash, c.seed, fingerprint),
      };
    }),
  };
  mkdirSync(submitDir, { recursive: true });
  mkdirSync(ctx.logDir, { recursive: true });
  mkdirSync(join(sweepDir, 'shards'), { recursive: true });
  writeCellList(cellsFile, list);
  const arrayFile = join(submitDir, 'array.sbatch');
  const mergeFile = join(submitDir, 'merge.sbatch');
  writeFileSync(arrayFile, array, { mode: 0o755 });
  writeFileSync(mergeFile, merge, { mode: 0o755 });
  if (o.submit === false) return { ...empty, submitDir, arrayScript: array, mergeScript: merge };
  const sbatch = o.sbatch ?? runSbatch;
  const arrayJobId = parseJobId(sbatch(['--parsable', arrayFile]));
  const mergeJobId = parseJobId(sbatch(['--parsable', `--dependency=afterany:${arrayJobId}`, mergeFile, arrayJobId]));
  return { cells, submitDir, arrayScript: array, mergeScript: merge, arrayJobId, mergeJobId };
}

/** What the command prints after a submission: ids, files and how to follow, merge and report. */
export function formatLaunch(r: LaunchSlurmResult, experiment: string, logDir: string, db: string): string[] {
  if (!r.submitDir) return [`${experiment}: every cell is done (in ${db} or its shards); nothing submitted`];
  if (!r.arrayJobId)
    return [
      `${experiment}: ${r.cells.length} cell(s) frozen in ${r.submitDir}/cells.json (not submitted); run task I with:`,
      `  cxr sweep run-cell ${experiment} --cells ${r.submitDir}/cells.json --index I   (or JOB_COMPLETION_INDEX / SLURM_ARRAY_TASK_ID set)`,
      `  then: cxr db merge ${join(dirname(logDir), 'shards')} --into ${db}`,
    ];
  return [
    `${experiment}: submitted job array ${r.arrayJobId} (${r.cells.length} task(s)) and merge job ${r.mergeJobId} (after the array ends)`,
    `  scripts and cell list: ${r.submitDir}`,
    `  logs: ${logDir}/${r.arrayJobId}_<task>.log, merge: ${logDir}/merge_${r.mergeJobId}.log`,
    `  follow: squeue -j ${r.arrayJobId},${r.mergeJobId}   details: scontrol show job ${r.arrayJobId}   (sacct needs slurmdbd)`,
    `  before the merge: cxr sweep status ${experiment} --db ${db} reads the shards too`,
    `  merge by hand: cxr db merge ${join(dirname(logDir), 'shards')} --into ${db}`,
  ];
}
