/**
 * Registers every cell of a sweep in results.db up front, as pending runs (those done already stay
 * done), so `cxr db runs` and the report show what is still to do before any cell runs. Uses the
 * trainer's own registration (registerRunCell), so a cell's config identity, label and aliases are
 * exactly those its run gets when the trainer claims it.
 */
import type { ResultsStore, RunRow } from '@cxr/results';
import { registerRunCell } from '@cxr/train';
import type { ResolvedCell, ResolvedExperiment } from '../experiments/resolve-experiment.ts';
import { SweepError } from './sweep-error.ts';

/** A cell and its run as registered. */
export interface RegisteredCell {
  cell: ResolvedCell;
  run: RunRow;
}

/**
 * @throws SweepError when a cell has no fingerprint, or its run's config hash is not the cell's
 *   (the experiment's resolution and the trainer's identity disagree: a bug, caught before running).
 * @example registerSweepCells(store, resolved, fingerprints).map((r) => r.run.status) // ['pending', 'done', ...]
 */
export function registerSweepCells(
  store: ResultsStore,
  resolved: ResolvedExperiment,
  fingerprints: ReadonlyMap<number, string | null>,
): RegisteredCell[] {
  const experiment = resolved.definition.name;
  store.ensureExperiment(experiment, resolved.definition.title);
  return resolved.cells.map((cell) => {
    const fingerprint = fingerprints.get(cell.index);
    if (!fingerprint)
      throw new SweepError(`registerSweepCells: cell ${cell.index} (${cell.level}, seed ${cell.seed}) has no dataset fingerprint`);
    const run = registerRunCell(store, { experiment, label: cell.level, config: cell.config, seed: cell.seed }, fingerprint);
    if (run.configHash !== cell.configHash) {
      throw new SweepError(
        `registerSweepCells: cell ${cell.index} (${cell.level}) registered config hash ${run.configHash}, expected ${cell.configHash}`,
      );
    }
    return { cell, run };
  });
}
