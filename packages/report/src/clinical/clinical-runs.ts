/**
 * The runs the clinical section is computed from: per level (chosen as buildReportModel chooses
 * them, selectLevelRuns), the done runs with both stored prediction sets, in seed order.
 */
import { ResultsNotFoundError, type PredictionSet, type ResultsStore } from '@cxr/results';
import { ReportArgumentError } from '../errors.ts';
import { selectLevelRuns } from '../model/select-level-runs.ts';
import type { ReportExperiment } from '../report-types.ts';

/** One done run's stored validation and test predictions. */
export interface ClinicalRun {
  runId: number;
  seed: number;
  val: PredictionSet;
  test: PredictionSet;
}

/** A level and its usable runs. */
export interface ClinicalLevel {
  level: string;
  runs: ClinicalRun[];
}

/**
 * The levels shown (`levels` in that order, else every level with a usable run in table order)
 * with their done runs' predictions. A done run without a stored 'val' or 'test' set is left out
 * and named in `notes`, since the thesis' rule needs both splits.
 *
 * @throws ReportArgumentError when `levels` names a level the experiment does not have.
 * @example clinicalRuns(store, experiment, undefined, notes)[0].runs.map((r) => r.seed) // [1, 2, 3]
 */
export function clinicalRuns(
  store: ResultsStore,
  experiment: ReportExperiment,
  levels: string[] | undefined,
  notes: string[],
): ClinicalLevel[] {
  const selected = selectLevelRuns(store, experiment).levels;
  const known = selected.map((l) => l.label);
  levels?.forEach((name, i) => {
    if (!known.includes(name))
      throw new ReportArgumentError('buildClinicalModel', `request.levels[${i}]`, `one of [${known.join(', ')}]`, name);
  });
  const out: ClinicalLevel[] = [];
  for (const label of levels ?? known) {
    const level = selected.find((l) => l.label === label)!;
    const runs: ClinicalRun[] = [];
    for (const run of level.runs.filter((r) => r.status === 'done')) {
      try {
        runs.push({ runId: run.id, seed: run.seed, val: store.getPredictions(run.id, 'val'), test: store.getPredictions(run.id, 'test') });
      } catch (error) {
        if (!(error instanceof ResultsNotFoundError)) throw error;
        notes.push(
          `Run ${run.id} (${label}, seed ${run.seed}) has no stored validation and test predictions; it is left out of the clinical section.`,
        );
      }
    }
    if (runs.length > 0 || levels) out.push({ level: label, runs });
  }
  return out;
}
