/**
 * `cxr sweep` of an experiment with a search: runSweep over the grid and the trials, then - once
 * every trial is done - runSweep again with the best trial's replication cells added (the cells
 * done already are skipped, so this second pass runs only the replicates). Without a search it is
 * runSweep as it is.
 */
import type { ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import { runSweep, type RunSweepOptions, type RunSweepResult } from '../sweep/run-sweep.ts';
import { chooseBestTrials, withReplication } from './replication-cells.ts';
import { formatChoices } from './search-plan.ts';

/**
 * @throws what runSweep throws.
 * @example const { resolved, result } = await runSearchSweep({ resolved: resolveExperiment('seed001-uncertainty'), ... })
 */
export async function runSearchSweep(o: RunSweepOptions): Promise<{ resolved: ResolvedExperiment; result: RunSweepResult }> {
  const first = await runSweep(o);
  const search = o.resolved.search;
  if (!search || first.interrupted) return { resolved: o.resolved, result: first };
  const byIndex = new Map(first.registered.map((r) => [r.cell.index, first.runs.get(r.run.id) ?? r.run]));
  const choices = chooseBestTrials(search.levels, search.metric, o.store, (cell) => {
    const run = byIndex.get(cell.index);
    return run ? { runId: run.id, status: run.status } : { runId: null, status: 'not registered' };
  });
  for (const line of formatChoices(o.resolved, choices)) o.progress.message(line);
  const resolved = withReplication(o.resolved, choices);
  if (resolved.cells.length === o.resolved.cells.length) return { resolved, result: first };
  const second = await runSweep({ ...o, resolved });
  return {
    resolved,
    result: { ...second, queued: first.queued + second.queued, outcomes: [...first.outcomes, ...second.outcomes] },
  };
}
