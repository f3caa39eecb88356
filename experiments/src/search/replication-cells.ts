/**
 * The second stage of a search: once every trial of a searched level has finished, the trial with
 * the highest validation metric is chosen, and its configuration is replicated over the
 * experiment's seeds as ordinary cells labelled 'best' (their own config rows are the trial's, so
 * results.db keeps the trial's label and adds 'best' as an alias; the report selects them by config
 * hash and seeds, leaving the trial's own run out of the replicates).
 */
import type { ResultsStore, RunStatus } from '@cxr/results';
import type { ResolvedCell, ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import type { SearchedLevel } from './search-cells.ts';

/** What is known of a cell's run: from registration (cxr sweep) or planCells (--dry-run, status). */
export interface CellRun {
  runId: number | null;
  status: RunStatus | 'not registered';
}

/** A searched level's outcome: the chosen trial, or why there is none yet. */
export type SearchChoice =
  | { level: string; best: string; trial: ResolvedCell; value: number; values: { trial: number; value: number | null }[] }
  | { level: string; best: string; trial: null; reason: string };

/**
 * Chooses each searched level's best trial by `metric` on the validation split ('val'), never on
 * test: the highest value among done trials, ties to the lower trial number. A level whose trials
 * are not all finished (pending, running, not registered) has no choice yet; failed trials are
 * passed over, and a level with no done trial has none.
 *
 * @example chooseBestTrials(resolved.search!.levels, 'macro_auc_roc', store, runOf)[0].trial!.level // 'search:trial-3'
 */
export function chooseBestTrials(
  levels: readonly SearchedLevel[],
  metric: string,
  store: ResultsStore | undefined,
  runOf: (cell: ResolvedCell) => CellRun,
): SearchChoice[] {
  return levels.map((l): SearchChoice => {
    const runs = l.trials.map((cell) => ({ cell, ...runOf(cell) }));
    const open = runs.filter((r) => r.status !== 'done' && r.status !== 'failed');
    if (open.length > 0 || !store)
      return {
        level: l.level,
        best: l.best,
        trial: null,
        reason: `${open.length || runs.length} of ${runs.length} trials not finished yet`,
      };
    const values = runs.map((r) => {
      if (r.status !== 'done' || r.runId === null) return { cell: r.cell, value: null };
      const m = store.getMetrics(r.runId).find((row) => row.split === 'val' && row.name === metric);
      return { cell: r.cell, value: m && Number.isFinite(m.value) ? m.value : null };
    });
    let best: { cell: ResolvedCell; value: number } | null = null;
    for (const v of values) if (v.value !== null && (best === null || v.value > best.value)) best = { cell: v.cell, value: v.value };
    const table = values.map((v) => ({ trial: v.cell.trial!.number, value: v.value }));
    if (!best) return { level: l.level, best: l.best, trial: null, reason: `no trial finished with a validation ${metric}` };
    return { level: l.level, best: l.best, trial: best.cell, value: best.value, values: table };
  });
}

/**
 * `resolved` with each chosen trial's configuration replicated over `resolved.seeds` as cells
 * labelled with the level's best label (appended after every other cell), and the report's best
 * level given that config hash and those seeds. Levels without a choice are left as they are.
 *
 * @example withReplication(resolved, choices).cells.filter((c) => c.level === 'best').map((c) => c.seed) // [1, 2, 3]
 */
export function withReplication(resolved: ResolvedExperiment, choices: readonly SearchChoice[]): ResolvedExperiment {
  const cells = [...resolved.cells];
  const levels = resolved.report.levels.map((l) => ({ ...l }));
  for (const choice of choices) {
    if (choice.trial === null) continue;
    const trial = choice.trial;
    for (const seed of resolved.seeds)
      cells.push({ index: cells.length, level: choice.best, seed, configHash: trial.configHash, config: trial.config });
    const level = levels.find((l) => l.label === choice.best);
    if (level) {
      level.configHashes = [trial.configHash];
      level.seeds = [...resolved.seeds];
      level.regime = `${trial.level} (validation ${resolved.search!.metric} ${choice.value.toFixed(3)}, best of ${choice.values.length})`;
    }
  }
  return { ...resolved, cells, report: { ...resolved.report, levels } };
}

/**
 * withReplication with the choices read from `store` alone (a trial's run: the latest of its config
 * hash and seed, whatever its dataset), for `cxr report`, which has no sweep's registration at hand.
 *
 * @example withStoredReplication(resolveExperiment('seed001-uncertainty'), store).report.levels.at(-1)!.configHashes
 */
export function withStoredReplication(resolved: ResolvedExperiment, store: ResultsStore): ResolvedExperiment {
  if (!resolved.search) return resolved;
  const runs = store.listRuns();
  const choices = chooseBestTrials(resolved.search.levels, resolved.search.metric, store, (cell) => {
    const run = runs.filter((r) => r.configHash === cell.configHash && r.seed === cell.seed).at(-1);
    return run ? { runId: run.id, status: run.status } : { runId: null, status: 'not registered' };
  });
  return withReplication(resolved, choices);
}
