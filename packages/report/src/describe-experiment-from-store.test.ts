import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { buildReportModel } from './build-report-model.ts';
import { describeExperimentFromStore } from './describe-experiment-from-store.ts';
import { buildFixtureStore } from './testing/index.ts';

const store = buildFixtureStore();
after(() => store.close());

test('describeExperimentFromStore: labels in registration order, generic metrics and best vs next', () => {
  const e = describeExperimentFromStore(store, 'fixture-unfreeze');
  assert.deepEqual(e, {
    name: 'fixture-unfreeze',
    title: 'fixture-unfreeze',
    thesisTable: null,
    factor: 'configuration',
    description: 'Fixture: fraction of EfficientNetB0 layers unfrozen (shaped like thesis Table 2)',
    paramsColumn: 'total',
    levels: ['0 %', '50 %', '90 %', '100 %'].map((label) => ({ label, regime: '' })),
    metrics: ['macro_auc_roc', 'macro_pr_auc'],
    comparisons: [{ kind: 'best-vs-next' }],
    profile: null,
  });
  const model = buildReportModel(store, e);
  assert.deepEqual(
    model.comparisons.map((c) => [c.a, c.b, c.metric]),
    [
      ['90 %', '100 %', 'macro_auc_roc'],
      ['90 %', '100 %', 'macro_pr_auc'],
    ],
  );
  assert.equal(model.levels[0]!.paramsMillions, 5.330571);
});

test('describeExperimentFromStore refuses an unknown experiment, listing the known ones', () => {
  assert.throws(() => describeExperimentFromStore(store, 'table9'), {
    name: 'ReportArgumentError',
    message:
      'describeExperimentFromStore(name): expected one of the experiments in :memory: [fixture-unfreeze, fixture-loss], received "table9"',
  });
});
