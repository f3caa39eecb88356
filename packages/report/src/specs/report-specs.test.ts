import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildReportModel } from '../build-report-model.ts';
import { ReportArgumentError } from '../errors.ts';
import { buildFixtureStore, FIXTURE_EXPERIMENTS } from '../testing/index.ts';
import { matchGolden } from '../testing/golden.ts';
import { sampleReportModel } from '../testing/sample-model.ts';
import { comparisonTableSpec } from './comparison-table-spec.ts';
import { forestSpec } from './forest-spec.ts';
import { metricDotsSpec } from './metric-dots-spec.ts';
import { mirroredColumns, mirroredTableSpec } from './mirrored-table-spec.ts';
import { reportSpecs } from './report-specs.ts';

const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}.golden.json`, import.meta.url));
type Values = { values: Record<string, unknown>[] };
const values = (spec: unknown) => (spec as { data: Values }).data.values;
const layerValues = (spec: unknown, i: number) => (spec as { layer: { data: Values }[] }).layer[i]!.data.values;

test('every spec of the sample matches its golden JSON (deterministic, data inline, no URL)', () => {
  const specs = reportSpecs(sampleReportModel());
  assert.deepEqual(
    specs.map((s) => s.id),
    ['dots-macro_auc_roc', 'dots-macro_pr_auc', 'forest', 'curves', 'label-auc', 'table-mirrored', 'table-comparisons'],
  );
  for (const s of specs) {
    matchGolden(golden(`sample-${s.id}`), s.spec);
    const text = JSON.stringify(s.spec);
    assert.ok(!/"url"\s*:/.test(text), `${s.id} has no data URL`);
    assert.ok(!/https?:/.test(text), `${s.id} has no network address`);
  }
  assert.equal(JSON.stringify(reportSpecs(sampleReportModel())), JSON.stringify(specs));
});

test('every spec of the fixture experiments matches its golden JSON', () => {
  const store = buildFixtureStore();
  try {
    for (const experiment of FIXTURE_EXPERIMENTS) {
      const model = buildReportModel(store, experiment);
      const specs = reportSpecs(model);
      assert.ok(specs.length >= 5 + model.experiment.metrics.length - 2, 'dots per metric, forest, curves, heat map, tables');
      for (const s of specs) matchGolden(golden(`${experiment.name}-${s.id}`), s.spec);
    }
  } finally {
    store.close();
  }
});

test('metricDotsSpec carries each seed value and mean ± sd, and refuses an unknown metric', () => {
  const model = sampleReportModel();
  const spec = metricDotsSpec(model, 'macro_auc_roc');
  const interval = layerValues(spec, 0);
  assert.equal(interval.length, 2, 'levels without done runs draw no interval');
  const best = interval.find((r) => r['level'] === '90 %')!;
  const s = model.levels[0]!.metrics['macro_auc_roc']!;
  assert.equal(best['lo'], s.mean - s.sd);
  assert.equal(best['hi'], s.mean + s.sd);
  assert.deepEqual(
    layerValues(spec, 2)
      .filter((r) => r['level'] === '90 %')
      .map((r) => r['value']),
    s.values,
  );
  assert.throws(
    () => metricDotsSpec(model, 'brier'),
    (e: Error) =>
      e instanceof ReportArgumentError &&
      e.message === 'metricDotsSpec(metric): expected one of macro_auc_roc, macro_pr_auc, received "brier"',
  );
});

test('forestSpec leaves out comparisons that could not be computed and marks significant ones', () => {
  const rows = values(forestSpec(sampleReportModel()));
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0], {
    comparison: '90 % − 100 % (AUC-ROC)',
    difference: 0.05,
    lo: 0.0273,
    hi: 0.0727,
    significant: 'significant',
    pAdjusted: 0.0072,
  });
});

test('the table specs highlight the best row and the significant comparison, and show thesis columns', () => {
  const model = sampleReportModel();
  assert.deepEqual(
    mirroredColumns(model).map((c) => c.heading),
    ['level', 'regime', 'trainable params (M)', 'AUC-ROC', 'AUC-ROC (thesis)', 'PR-AUC', 'seeds done'],
  );
  const cells = values(mirroredTableSpec(model)).filter((c) => !c['header']);
  assert.deepEqual([...new Set(cells.filter((c) => c['mark']).map((c) => c['row']))], [0]);
  assert.ok(cells.some((c) => c['text'] === '0.820 ± 0.010' && c['column'] === 'AUC-ROC'));
  const comparisons = values(comparisonTableSpec(model)).filter((c) => !c['header']);
  assert.deepEqual([...new Set(comparisons.filter((c) => c['mark']).map((c) => c['row']))], [0]);
  assert.ok(comparisons.some((c) => c['text'] === 'fewer than two done runs in "0 % <frozen>"'));
  model.experiment.paramsColumn = null;
  assert.ok(!mirroredColumns(model).some((c) => c.heading.includes('params')));
});

test('reportSpecs leaves out charts without data', () => {
  const model = sampleReportModel();
  model.curves = [];
  model.labelAuc = [];
  model.comparisons = [];
  assert.deepEqual(
    reportSpecs(model).map((s) => s.id),
    ['dots-macro_auc_roc', 'dots-macro_pr_auc', 'table-mirrored'],
  );
});
