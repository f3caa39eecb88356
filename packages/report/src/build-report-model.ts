/**
 * buildReportModel: every number a report page shows, computed once from the results store with
 * @cxr/stats. Each piece is its own module under model/; this file only orders them.
 */
import type { ResultsStore } from '@cxr/results';
import { buildClinicalModel } from './clinical/build-clinical-model.ts';
import { adjustComparisons } from './model/adjust-comparisons.ts';
import { checkExperiment } from './model/check-experiment.ts';
import { configChanges } from './model/config-changes.ts';
import { epochCurves } from './model/epoch-curves.ts';
import { expandComparisons } from './model/expand-comparisons.ts';
import { knownExperiment } from './model/known-experiment.ts';
import { labelAucCells } from './model/label-auc-cells.ts';
import { buildLevelRows } from './model/level-rows.ts';
import { attachPublished } from './model/published-agreement.ts';
import { reportHeader } from './model/report-header.ts';
import { reportNotes } from './model/report-notes.ts';
import { reportRuns } from './model/report-runs.ts';
import { selectLevelRuns } from './model/select-level-runs.ts';
import { welchComparison } from './model/welch-comparison.ts';
import type { ReportExperiment, ReportModel } from './report-types.ts';

/**
 * The ReportModel of `experiment` from `store`: computed from done runs only while every status is
 * counted, so it can be drawn while a sweep is still filling the database. Runs are assigned to
 * levels as selectLevelRuns says (configHashes, else the latest config under the label; one dataset
 * fingerprint); the table rows summarise each metric over done runs (mean, sd n - 1); the planned
 * comparisons are expanded per metric (best-vs-next and vs-reference included) and tested with
 * Welch's two-sided t-test on the per-seed values, p adjusted by Holm (or BH) over the whole
 * experiment as one family, with Hedges' g, the minimum detectable difference and the seeds needed
 * at power 0.8, and the agreement with the thesis' published comparisons. Deterministic: the same
 * database gives the same model (table order, then seed; sorted keys elsewhere). With
 * `experiment.clinical` set, `clinical` holds buildClinicalModel's section (else null).
 *
 * @throws ReportArgumentError for an experiment the store does not hold or a description that does
 *   not fit it (duplicate level, unknown level in a comparison, empty metrics, alpha outside (0, 1) ...).
 * @example buildReportModel(store, FIXTURE_UNFREEZE_EXPERIMENT).levels.map((l) => l.label) // ['0 %', '50 %', '90 %', '100 %']
 */
export function buildReportModel(store: ResultsStore, experiment: ReportExperiment): ReportModel {
  knownExperiment(store, experiment?.name, 'buildReportModel', 'experiment.name');
  checkExperiment(experiment, [...new Set(store.listRuns({ experiment: experiment.name }).map((r) => r.label))]);
  const alpha = experiment.alpha ?? 0.05;
  const correction = experiment.correction ?? 'holm';
  const selected = selectLevelRuns(store, experiment);
  const levels = buildLevelRows(selected.levels, experiment);
  const expanded = expandComparisons(experiment, levels);
  const summary = (label: string, metric: string) => levels.find((l) => l.label === label)?.metrics[metric] ?? null;
  const tested = expanded.tests.map((t) => welchComparison(t, summary(t.a, t.metric), summary(t.b, t.metric), alpha));
  const published = attachPublished(adjustComparisons(tested, correction, alpha), experiment.publishedComparisons ?? [], levels, alpha);
  const runs = reportRuns(selected.levels);
  const header = reportHeader(store, selected.levels, levels, runs, experiment.profile ?? null);
  return {
    experiment: {
      name: experiment.name,
      title: experiment.title,
      factor: experiment.factor,
      paramsColumn: experiment.paramsColumn,
      metrics: [...experiment.metrics],
      thesisTable: experiment.thesisTable,
      description: experiment.description ?? null,
      ...(experiment.quotedTables?.length
        ? { quotedTables: experiment.quotedTables.map((t) => ({ ...t, columns: [...t.columns], rows: t.rows.map((r) => [...r]) })) }
        : {}),
    },
    alpha,
    correction,
    header,
    levels,
    comparisons: published.rows,
    runs,
    curves: epochCurves(store, selected.levels),
    labelAuc: labelAucCells(store, selected.levels),
    changes: configChanges(store, selected.levels, experiment.baseConfig),
    notes: reportNotes({
      alpha,
      correction,
      header,
      levels,
      comparisons: published.rows,
      expanded,
      excluded: selected.excluded,
      unmatchedPublished: published.unmatched,
      undirectedPublished: published.undirected,
    }),
    clinical: experiment.clinical ? buildClinicalModel(store, experiment, experiment.clinical) : null,
  };
}
