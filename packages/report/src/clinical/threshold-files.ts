/**
 * The deployable-thresholds file, `cxr-thresholds/1`: one run's thresholds per label and rule
 * (thresholdFileForRun), and per experiment level the file `<out>/<experiment>/<level>/thresholds.json`
 * that holds every done seed's and names the one to deploy (writeThresholdFiles). `cxr predict
 * --thresholds` reads either (readThresholdFile): the top-level runId, seed and labels are the
 * recommended seed's.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResultsNotFoundError, type ResultsStore, type RunRow } from '@cxr/results';
import { ReportArgumentError, ReportError } from '../errors.ts';
import { selectLevelRuns } from '../model/select-level-runs.ts';
import type { ReportExperiment } from '../report-types.ts';
import { writeFileAtomic } from '../write-file-atomic.ts';
import {
  deployableThresholds,
  THRESHOLD_RULES,
  type DeployableThresholds,
  type DeployableThresholdsOptions,
} from './deployable-thresholds.ts';

export const THRESHOLDS_FORMAT = 'cxr-thresholds/1';

/** One run's thresholds. */
export interface ThresholdFile {
  format: typeof THRESHOLDS_FORMAT;
  runId: number;
  experiment: string;
  level: string;
  seed: number;
  labels: DeployableThresholds;
}

/** A level's file: the recommended seed's thresholds at the top, every done seed's below. */
export interface LevelThresholdFile extends ThresholdFile {
  recommended: { runId: number; seed: number; valMacroAucRoc: number | null; why: string };
  seeds: { runId: number; seed: number; valMacroAucRoc: number | null; labels: DeployableThresholds }[];
  /** Done runs left out because they stored no validation predictions (finished by an older version). */
  skippedRuns: { runId: number; seed: number; why: string }[];
}

/**
 * The thresholds of one done run, fixed on its stored validation predictions (deployableThresholds).
 *
 * @throws ReportArgumentError when the run is not done; the store's ResultsNotFoundError for an unknown run.
 * @example thresholdFileForRun(store, 3).labels['cardiomegaly']!.youden // { rule: 'youden', parameters: {}, threshold, validation: { sensitivity, ... } }
 */
export function thresholdFileForRun(store: ResultsStore, runId: number, options?: DeployableThresholdsOptions): ThresholdFile {
  const run = store.getRun(runId);
  if (run.status !== 'done') throw new ReportArgumentError('thresholdFileForRun', 'runId', 'a done run', `run ${runId}, ${run.status}`);
  return fileOf(store, run, options);
}

/**
 * Writes `<outDir>/<experiment>/<level>/thresholds.json` for every level of `experiment` with a
 * done run that stored validation predictions (the runs the report counts: selectLevelRuns; done
 * runs without them are listed in `skippedRuns`), atomically; returns the paths written.
 * The seed to deploy is the one whose run reached the best validation macro AUC-ROC (the
 * early-stopping metric; ties: the lower seed). Level labels become folder names with '%' as
 * 'pct' and other characters outside [A-Za-z0-9._-] as '-' ('90 %' -> '90-pct').
 *
 * @throws ReportArgumentError when two levels map to one folder; ReportError when a file cannot be written.
 * @example writeThresholdFiles(store, experiment, 'reports') // ['reports/table2-unfreeze/90-pct/thresholds.json', ...]
 */
export function writeThresholdFiles(
  store: ResultsStore,
  experiment: ReportExperiment,
  outDir: string,
  options?: DeployableThresholdsOptions,
): string[] {
  const written: string[] = [];
  const folders = new Map<string, string>();
  for (const level of selectLevelRuns(store, experiment).levels) {
    const done = level.runs.filter((r) => r.status === 'done' && hasValPredictions(store, r.id));
    const skippedRuns = level.runs
      .filter((r) => r.status === 'done' && !done.includes(r))
      .map((r) => ({ runId: r.id, seed: r.seed, why: 'no stored validation predictions' }));
    if (done.length === 0) continue;
    const folder = safeFolderName(level.label);
    const clash = folders.get(folder);
    if (clash !== undefined)
      throw new ReportArgumentError(
        'writeThresholdFiles',
        'experiment.levels',
        `labels that map to distinct folders (${JSON.stringify(clash)} is also ${folder})`,
        level.label,
      );
    folders.set(folder, level.label);
    const seeds = done.map((run) => ({
      run,
      valMacroAucRoc: valMacroAuc(run),
      file: fileOf(store, run, options, experiment.name, level.label),
    }));
    const best = seeds.reduce((a, b) => ((b.valMacroAucRoc ?? -Infinity) > (a.valMacroAucRoc ?? -Infinity) ? b : a));
    const file: LevelThresholdFile = {
      ...best.file,
      recommended: {
        runId: best.run.id,
        seed: best.run.seed,
        valMacroAucRoc: best.valMacroAucRoc,
        why: `best validation macro AUC-ROC of the level's ${seeds.length} done run${seeds.length === 1 ? '' : 's'}`,
      },
      seeds: seeds.map((s) => ({ runId: s.run.id, seed: s.run.seed, valMacroAucRoc: s.valMacroAucRoc, labels: s.file.labels })),
      skippedRuns,
    };
    const dir = join(outDir, safeFolderName(experiment.name), folder);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'thresholds.json');
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
    written.push(path);
  }
  return written;
}

/**
 * Reads a thresholds file (a run's or a level's) and checks its shape.
 *
 * @throws ReportError naming the file when it is unreadable, not JSON, of another format, or a
 *   label's entry lacks a rule or a numeric-or-null threshold.
 * @example readThresholdFile('reports/table2-unfreeze/90-pct/thresholds.json').labels['cardiomegaly']!.sens95.threshold // a number, or null
 */
export function readThresholdFile(path: string): ThresholdFile {
  const fail = (what: string) => new ReportError(`readThresholdFile(${path}): ${what}`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw fail(`cannot read it as JSON: ${(error as Error).message}`);
  }
  const file = value as Partial<ThresholdFile> | null;
  if (!file || typeof file !== 'object' || file.format !== THRESHOLDS_FORMAT)
    throw fail(`expected format "${THRESHOLDS_FORMAT}", received ${JSON.stringify(file?.format)}`);
  if (!file.labels || typeof file.labels !== 'object') throw fail('expected "labels": { label: { rule: entry } }');
  for (const [label, rules] of Object.entries(file.labels)) {
    for (const rule of THRESHOLD_RULES) {
      const t = (rules as Record<string, { threshold?: unknown } | undefined>)?.[rule]?.threshold;
      if (t !== null && typeof t !== 'number')
        throw fail(`labels.${label}.${rule}.threshold: expected a number or null, received ${JSON.stringify(t)}`);
    }
  }
  return file as ThresholdFile;
}

function fileOf(
  store: ResultsStore,
  run: RunRow,
  options: DeployableThresholdsOptions | undefined,
  experiment = run.experiment,
  level = run.label,
): ThresholdFile {
  return {
    format: THRESHOLDS_FORMAT,
    runId: run.id,
    experiment,
    level,
    seed: run.seed,
    labels: deployableThresholds(store.getPredictions(run.id, 'val'), options),
  };
}

function hasValPredictions(store: ResultsStore, runId: number): boolean {
  try {
    store.getPredictions(runId, 'val');
    return true;
  } catch (error) {
    if (error instanceof ResultsNotFoundError) return false;
    throw error;
  }
}

function valMacroAuc(run: RunRow): number | null {
  const v = run.metrics['val']?.['macro_auc_roc'];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function safeFolderName(label: string): string {
  const name = label
    .replace(/%/g, 'pct')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return name === '' ? 'level' : name;
}
