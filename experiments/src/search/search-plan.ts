/**
 * What `cxr sweep --dry-run` and `cxr sweep status` show of a search: the plan with the best
 * trial's replication cells once the trials are done, and lines listing each trial's sampled values
 * and the choice (or what it waits for).
 */
import type { ResultsStore } from '@cxr/results';
import type { ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import { planCells, type PlannedCell } from '../sweep/plan-cells.ts';
import { chooseBestTrials, withReplication, type SearchChoice } from './replication-cells.ts';
import { DEFAULT_SEARCH_TRIALS } from './search-types.ts';

/**
 * The plan of `resolved` against `store` (undefined: no database yet) with replication cells where
 * a best trial is known (they share their trial's dataset fingerprint), and the search's lines
 * (none without a search).
 *
 * @example planSearch(resolved, store, fingerprints).lines[0] // 'search: random, seed 1, 5 trials at run seed 0, ...'
 */
export function planSearch(
  resolved: ResolvedExperiment,
  store: ResultsStore | undefined,
  fingerprints: ReadonlyMap<number, string | null>,
): { plan: PlannedCell[]; lines: string[]; choices: SearchChoice[] } {
  const plan = planCells(resolved.cells, store, fingerprints);
  if (!resolved.search) return { plan, lines: [], choices: [] };
  const byIndex = new Map(plan.map((p) => [p.index, p]));
  const choices = chooseBestTrials(resolved.search.levels, resolved.search.metric, store, (cell) => byIndex.get(cell.index)!);
  const replicated = withReplication(resolved, choices);
  const fp = new Map(fingerprints);
  const trialIndex = new Map(resolved.search.levels.flatMap((l) => l.trials).map((c) => [c.configHash, c.index]));
  for (const cell of replicated.cells.slice(resolved.cells.length))
    fp.set(cell.index, fingerprints.get(trialIndex.get(cell.configHash)!) ?? null);
  return { plan: planCells(replicated.cells, store, fp), lines: formatChoices(resolved, choices), choices };
}

/**
 * The search's description, each trial's sampled values, and each level's choice.
 *
 * @example formatChoices(resolved, choices) // ['search: random, seed 1, ...', '  search:trial-1  optimizer.lrHead=0.000312 ...', '  best: ...']
 */
export function formatChoices(resolved: ResolvedExperiment, choices: readonly SearchChoice[]): string[] {
  const search = resolved.search;
  if (!search) return [];
  const d = search.declaration;
  const lines = [
    `search: random, seed ${d.seed}, ${d.trials ?? DEFAULT_SEARCH_TRIALS} trials per searched level at run seed ${search.trialSeed}, maximising validation ${search.metric} (never test)`,
  ];
  for (const level of search.levels) {
    const choice = choices.find((c) => c.level === level.level);
    const values = new Map(choice?.trial ? choice.values.map((v) => [v.trial, v.value]) : []);
    for (const cell of level.trials) {
      const sampled = Object.entries(cell.trial!.values).map(([k, v]) => `${k}=${formatValue(v)}`);
      const value = values.get(cell.trial!.number);
      lines.push(
        `  ${cell.level}  ${sampled.join('  ')}${value === undefined ? '' : `  -> validation ${value === null ? 'none' : value.toFixed(4)}`}`,
      );
    }
    if (choice?.trial)
      lines.push(
        `  ${level.best}: ${choice.trial.level} (validation ${search.metric} ${choice.value.toFixed(4)}), replicated over seeds ${resolved.seeds.join(', ')}`,
      );
    else if (choice) lines.push(`  ${level.best}: chosen when the trials are done (${choice.reason})`);
  }
  return lines;
}

function formatValue(v: unknown): string {
  if (typeof v !== 'number') return JSON.stringify(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) < 1e-2 ? v.toExponential(2) : v.toPrecision(3);
}
