/** Validation curves per run, for the per-epoch charts. */
import type { ResultsStore } from '@cxr/results';
import type { EpochCurve } from '../report-types.ts';
import type { LevelRuns } from './select-level-runs.ts';

/**
 * One curve per done run (levels in table order, then seed): each stored epoch's train loss,
 * validation loss (null when not recorded) and validation metrics. Runs still running or failed
 * are left out, as everything else on the page is computed from done runs only.
 *
 * @example epochCurves(store, selected.levels)[0] // { level: '0 %', seed: 1, runId: 1, points: [{ epoch: 1, trainLoss: 0.545, valLoss: 0.614, metrics: { macro_auc_roc: 0.5377, ... } }, ...] }
 */
export function epochCurves(store: ResultsStore, levels: readonly LevelRuns[]): EpochCurve[] {
  return levels.flatMap((level) =>
    level.runs
      .filter((r) => r.status === 'done')
      .map((run) => ({
        level: level.label,
        seed: run.seed,
        runId: run.id,
        points: store.getEpochs(run.id).map((e) => ({
          epoch: e.epoch,
          trainLoss: e.trainLoss,
          valLoss: e.valLoss ?? null,
          metrics: sortedRecord(e.metrics),
        })),
      })),
  );
}

/** The same record with its keys in sorted order (stored JSON is canonical already; this makes it explicit). */
export function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
