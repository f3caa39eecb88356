/**
 * buildClinicalModel: the numbers of the clinical section (thesis Tables 9 and 10, Figures 4 and
 * 5, reliability diagrams), from the done runs' stored validation and test predictions, without
 * retraining. Each piece is its own module in this folder; this file only orders them.
 */
import type { ResultsStore } from '@cxr/results';
import type { ReportExperiment } from '../report-types.ts';
import type { ClinicalModel, ClinicalRequest, LabelFigures } from './clinical-types.ts';
import { clinicalRuns } from './clinical-runs.ts';
import { clinicalSettings } from './clinical-settings.ts';
import { labelFigures } from './label-figures.ts';
import { labelKey } from './label-key.ts';
import { levelLabelData } from './level-label-data.ts';
import { table10Level } from './table10-level.ts';
import { withExtraColumns } from './extra-reference-columns.ts';
import { table9Rows } from './table9-rows.ts';

/** The dataset's labels in prediction order (first run first), one spelling per matching key. */
function datasetLabels(levels: ReturnType<typeof clinicalRuns>): string[] {
  const seen = new Map<string, string>();
  for (const level of levels)
    for (const run of level.runs) for (const name of run.test.labelNames) if (!seen.has(labelKey(name))) seen.set(labelKey(name), name);
  return [...seen.values()];
}

/**
 * The ClinicalModel of `experiment`'s levels (runs chosen as buildReportModel chooses them).
 * Truth codes other than 0/1 (uncertain, missing) leave that image out of that label's metrics.
 * Table 9 (with `request.reference`): per label our test AUC-ROC over seeds and Delta = ours -
 * reference, with a seeded bootstrap CI over test images pooled over seeds. Table 10: Brier,
 * Spec@Sens and Sens@Spec with thresholds fixed on validation and applied unchanged to test (the
 * thesis' rule, @cxr/stats operatingPoints), ECE with `eceBins` equal-width bins; mean +/- sd over
 * seeds and each seed's bootstrap CI with the thresholds held fixed. Figures per label and seed.
 * Deterministic: the same store and request give the same model.
 *
 * Cost: about (labels x runs x 3 + labels x levels x seeds) x b metric evaluations on the test set.
 * @throws ReportArgumentError for a setting out of range (clinicalSettings) or an unknown level in
 *   `request.levels`; ResultsNotFoundError for an experiment the store does not hold.
 * @example buildClinicalModel(store, FIXTURE_LOSS_EXPERIMENT, { reference: LIZ_EFFNET_REFERENCE }).table10[0].rows.at(-1)!.label // 'macro'
 */
export function buildClinicalModel(store: ResultsStore, experiment: ReportExperiment, request: ClinicalRequest): ClinicalModel {
  const settings = clinicalSettings(request);
  const notes: string[] = [];
  const levels = clinicalRuns(store, experiment, settings.levels, notes);
  const labels = datasetLabels(levels);
  const data = levels.map((l) => ({ level: l.level, byLabel: levelLabelData(l, labels, settings) }));
  const figures: LabelFigures[] = [];
  for (const { level, byLabel } of data) {
    for (const [label, runs] of byLabel) {
      for (const r of runs) {
        const f = labelFigures(level, label, { seed: r.run.seed, runId: r.run.runId }, r.test, r.metrics, settings);
        if (f) figures.push(f);
        if (r.metrics.points.reason)
          notes.push(
            `${level}, ${label}, seed ${r.run.seed}: no operating points (${r.metrics.points.reason}); left out of that row's means.`,
          );
      }
    }
  }
  const unknown = labels
    .map((label) => ({ label, n: Math.max(0, ...data.flatMap((d) => (d.byLabel.get(label) ?? []).map((r) => r.test.unknown))) }))
    .filter((u) => u.n > 0);
  if (unknown.length)
    notes.push(
      `Test images whose truth code is neither 0 nor 1 are left out of that label's metrics: ${unknown.map((u) => `${u.label} (${u.n})`).join(', ')}.`,
    );
  const table9 = settings.reference
    ? withExtraColumns(table9Rows(settings.reference, labels, data, settings.bootstrap, notes), settings.extraReferences)
    : [];
  if (data.some((d) => d.byLabel.size > 0))
    notes.push("Table 10's macro row has no per-seed bootstrap CI (a macro resample would redraw every label at once).");
  return {
    reference: settings.reference ? { name: settings.reference.name, source: settings.reference.source } : null,
    ...(settings.extraReferences.length
      ? { extraReferences: settings.extraReferences.map((c) => ({ name: c.name, source: c.source })) }
      : {}),
    targets: settings.targets,
    eceBins: settings.eceBins,
    bootstrap: settings.bootstrap,
    maxCurvePoints: settings.maxCurvePoints,
    levels: levels.map((l) => l.level),
    table9,
    table10: data.map((d) => table10Level(d.level, d.byLabel)),
    figures,
    notes,
  };
}
