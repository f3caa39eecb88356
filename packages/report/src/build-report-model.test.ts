import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { benjaminiHochberg, hedgesG, holm, minimumDetectableDifference, welchSampleSize, welchTTest } from '@cxr/stats';
import { expectClose } from '@cxr/testkit';
import { buildReportModel } from './build-report-model.ts';
import type { ComparisonRow, ReportModel } from './report-types.ts';
import { stableJson } from './stable-json.ts';
import { buildFixtureStore, FIXTURE_LOSS_EXPERIMENT, FIXTURE_UNFREEZE_EXPERIMENT } from './testing/index.ts';

/**
 * Golden model of the fixture (deterministic: fixed clock, fixed values). After a deliberate change
 * to the model, regenerate it with
 *   CXR_UPDATE_GOLDEN=1 node --import tsx --test packages/report/src/build-report-model.test.ts
 * and review the diff of build-report-model.golden.json.
 */
const GOLDEN = fileURLToPath(new URL('./build-report-model.golden.json', import.meta.url));

const store = buildFixtureStore();
after(() => store.close());
const unfreeze = buildReportModel(store, FIXTURE_UNFREEZE_EXPERIMENT);
const loss = buildReportModel(store, FIXTURE_LOSS_EXPERIMENT);

/** The stored test values of one level's done runs, in seed order - straight from the store. */
function stored(experiment: string, label: string, metric: string): number[] {
  return store
    .listRuns({ experiment, status: 'done' })
    .filter((r) => r.label === label)
    .sort((x, y) => x.seed - y.seed)
    .map((r) => r.metrics.test![metric]!);
}

function row(model: ReportModel, a: string, b: string, metric: string): ComparisonRow {
  const found = model.comparisons.find((c) => c.a === a && c.b === b && c.metric === metric);
  assert.ok(found, `comparison ${a} vs ${b} on ${metric}`);
  return found;
}

describe('buildReportModel on the fixture', () => {
  test('one row per level in table order, every status counted, computed from done runs only', () => {
    assert.deepEqual(
      unfreeze.levels.map((l) => [l.label, l.regime, l.seedsDone, l.seedsPlanned, l.runs]),
      [
        ['0 %', 'head only', 3, 3, { pending: 0, running: 0, done: 3, failed: 0 }],
        ['50 %', 'partial fine-tuning', 1, 3, { pending: 1, running: 0, done: 1, failed: 1 }],
        ['90 %', 'extensive fine-tuning', 3, 3, { pending: 0, running: 0, done: 3, failed: 0 }],
        ['100 %', 'full fine-tuning', 2, 3, { pending: 0, running: 1, done: 2, failed: 0 }],
      ],
    );
    assert.deepEqual(
      unfreeze.levels.map((l) => l.paramsMillions),
      [0.402442, 2.903114, 5.00433, 5.330571],
    );
    assert.deepEqual(
      loss.levels.map((l) => l.paramsMillions),
      [null, null, null],
    );
    for (const level of unfreeze.levels) {
      for (const metric of ['macro_auc_roc', 'macro_pr_auc']) {
        const values = stored('fixture-unfreeze', level.label, metric);
        const s = level.metrics[metric]!;
        assert.deepEqual(s.values, values);
        assert.equal(s.mean, mean(values));
        if (values.length >= 2) assert.equal(s.sd, sampleStandardDeviation(values));
        else assert.ok(Number.isNaN(s.sd));
      }
    }
    assert.deepEqual(unfreeze.levels[1]!.metrics.macro_auc_roc!.seeds, [1]);
    assert.deepEqual(unfreeze.levels[0]!.published, { macro_auc_roc: { mean: 0.61, sd: 0.012 }, macro_pr_auc: { mean: 0.11, sd: 0.01 } });
    assert.equal(loss.levels[1]!.published, null);
  });

  test('the best row has the best mean of the primary metric', () => {
    assert.deepEqual(
      unfreeze.levels.map((l) => l.best),
      [false, false, true, false],
    );
    assert.deepEqual(
      loss.levels.map((l) => l.best),
      [true, false, false],
    );
  });

  test('every computable comparison equals @cxr/stats recomputed from the stored metrics', () => {
    for (const [model, experiment] of [
      [unfreeze, 'fixture-unfreeze'],
      [loss, 'fixture-loss'],
    ] as const) {
      const computable = model.comparisons.filter((c) => c.notComputable === null);
      assert.ok(computable.length >= 3);
      for (const c of computable) {
        const a = stored(experiment, c.a, c.metric);
        const b = stored(experiment, c.b, c.metric);
        const w = welchTTest(a, b, { alpha: 0.05 });
        const ga = { mean: mean(a), sd: sampleStandardDeviation(a), n: a.length };
        const gb = { mean: mean(b), sd: sampleStandardDeviation(b), n: b.length };
        assert.deepEqual([c.nA, c.nB, c.meanA, c.meanB], [a.length, b.length, ga.mean, gb.mean]);
        assert.equal(c.difference, ga.mean - gb.mean);
        assert.deepEqual(c.ci, w.ci);
        assert.deepEqual([c.t, c.df, c.tCritical, c.p], [Math.abs(w.t), w.df, w.tCritical, w.p]);
        assert.equal(c.hedgesG, hedgesG(ga, gb));
        assert.equal(c.minimumDetectable, minimumDetectableDifference(ga, gb, { alpha: 0.05, power: 0.8 }));
        assert.equal(c.seedsNeeded, welchSampleSize(ga.sd, gb.sd, c.difference, { alpha: 0.05, power: 0.8, maxN: 1000 }));
        assert.equal(c.significant, c.pAdjusted < 0.05);
      }
      const adjust = model.correction === 'bh' ? benjaminiHochberg : holm;
      assert.deepEqual(
        computable.map((c) => c.pAdjusted),
        adjust(computable.map((c) => c.p)),
      );
    }
    assert.equal(unfreeze.correction, 'holm');
    assert.equal(loss.correction, 'bh');
  });

  test('comparisons expand pair, best-vs-next and vs-reference per metric, each pair tested once', () => {
    assert.deepEqual(
      unfreeze.comparisons.map((c) => `${c.a} vs ${c.b} ${c.metric}`),
      [
        '90 % vs 100 % macro_auc_roc',
        '90 % vs 100 % macro_pr_auc',
        '50 % vs 0 % macro_auc_roc',
        '50 % vs 0 % macro_pr_auc',
        '90 % vs 0 % macro_auc_roc',
        '90 % vs 0 % macro_pr_auc',
        '100 % vs 0 % macro_auc_roc',
        '100 % vs 0 % macro_pr_auc',
      ],
    );
    assert.ok(unfreeze.notes.includes("'90 %' vs '100 %' on macro_auc_roc was planned twice; it is tested once."));
    // Brier: lower is better, so best vs next is the lowest mean against the next lowest.
    assert.deepEqual(
      loss.comparisons.map((c) => `${c.a} vs ${c.b} ${c.metric}`),
      [
        'weighted-bce vs class-balanced focal macro_auc_roc',
        'weighted-bce vs class-balanced focal macro_pr_auc',
        'weighted-bce vs class-balanced focal brier',
      ],
    );
    assert.match(row(loss, 'weighted-bce', 'class-balanced focal', 'brier').verdict, /^'weighted-bce' lower, better \(p_adj < 0\.001\)$/);
  });

  test('an arm with fewer than two done runs is not computable, with its reason and NaN numbers', () => {
    const c = row(unfreeze, '50 %', '0 %', 'macro_auc_roc');
    assert.equal(c.notComputable, "'50 %' has 1 done run with test macro_auc_roc; a Welch test needs at least 2 per arm");
    assert.deepEqual([c.nA, c.nB, c.seedsNeeded, c.significant, c.verdict, c.agreement], [1, 3, null, false, 'not computable', null]);
    for (const x of [c.meanA, c.difference, ...c.ci, c.t, c.df, c.tCritical, c.p, c.pAdjusted, c.hedgesG, c.minimumDetectable]) {
      assert.ok(Number.isNaN(x));
    }
  });

  test('verdicts and agreement with the thesis', () => {
    const c = row(unfreeze, '90 %', '100 %', 'macro_auc_roc');
    expectClose(c.pAdjusted, 2 * c.p, 1e-15); // Holm: the smaller p of the last two in a family of 6
    assert.equal(c.verdict, `no significant difference (p_adj = ${c.pAdjusted.toFixed(3)})`);
    assert.deepEqual(c.published, FIXTURE_UNFREEZE_EXPERIMENT.publishedComparisons![0]);
    assert.deepEqual(c.agreement, { sameDirection: true, sameVerdict: true });
    assert.equal(row(unfreeze, '90 %', '100 %', 'macro_pr_auc').agreement, null);
    assert.match(row(unfreeze, '90 %', '0 %', 'macro_auc_roc').verdict, /^'90 %' higher \(p_adj < 0\.001\)$/);
    const pr = row(loss, 'weighted-bce', 'class-balanced focal', 'macro_pr_auc');
    assert.deepEqual([pr.significant, pr.agreement], [true, { sameDirection: true, sameVerdict: true }]);
  });

  test('header: datasets, backbones, fingerprints, backends, run span and counts', () => {
    const runs = store.listRuns({ experiment: 'fixture-unfreeze' });
    assert.deepEqual(unfreeze.header, {
      datasets: ['phantom'],
      backbones: ['efficientnet_b0'],
      datasetFingerprints: ['phantom-3000-128px-seed7-5d1c0ffee0ddba11'],
      profile: 'fixture',
      backends: ['wasm'],
      codeVersions: ['@cxr/train 0.1.0'],
      firstRunAt: Math.min(...runs.filter((r) => r.startedAt !== null).map((r) => r.startedAt!)),
      lastRunAt: Math.max(...runs.filter((r) => r.endedAt !== null).map((r) => r.endedAt!)),
      runs: { pending: 1, running: 1, done: 9, failed: 1 },
      planned: 12,
    });
    assert.equal(loss.header.profile, null);
    assert.equal(loss.header.planned, 9);
  });

  test('runs, curves and the label heat map', () => {
    assert.equal(unfreeze.runs.length, 12);
    const failed = unfreeze.runs.find((r) => r.status === 'failed')!;
    assert.deepEqual([failed.level, failed.seed, failed.metrics], ['50 %', 2, {}]);
    assert.equal(failed.error, 'loss diverged: train loss NaN at epoch 3 (learning rate 1e-4)');
    const first = unfreeze.runs[0]!;
    assert.deepEqual(Object.keys(first.metrics), [
      'test.brier',
      'test.loss',
      'test.macro_auc_roc',
      'test.macro_pr_auc',
      'val.loss',
      'val.macro_auc_roc',
      'val.macro_pr_auc',
    ]);
    assert.deepEqual(first.params, { total: 5_330_571, trainable: 402_442 });
    // Done runs only: 3 + 1 + 3 + 2.
    assert.equal(unfreeze.curves.length, 9);
    assert.deepEqual(
      unfreeze.curves[0]!.points.map((p) => p.epoch),
      [1, 2, 3],
    );
    assert.deepEqual(
      unfreeze.curves[0]!.points.map((p) => p.valLoss),
      store.getEpochs(unfreeze.curves[0]!.runId).map((e) => e.valLoss),
    );
    assert.equal(unfreeze.labelAuc.length, 12);
    const cell = unfreeze.labelAuc.find((c) => c.level === '90 %' && c.label === 'scoliosis')!;
    assert.deepEqual(cell.summary.values, [0.7, 0.712, 0.705]);
    assert.equal(cell.summary.mean, mean([0.7, 0.712, 0.705]));
  });

  test('config changes: against baseConfig when given, else the keys not shared by all levels', () => {
    assert.deepEqual(unfreeze.changes, [
      { level: '0 %', path: 'model.unfreeze', base: 0.9, value: 0 },
      { level: '50 %', path: 'model.unfreeze', base: 0.9, value: 0.5 },
      { level: '100 %', path: 'model.unfreeze', base: 0.9, value: 1 },
    ]);
    assert.deepEqual(
      loss.changes.filter((c) => c.level === 'focal_a0.20_g2.5'),
      [
        { level: 'focal_a0.20_g2.5', path: 'loss.alpha', base: null, value: 0.2 },
        { level: 'focal_a0.20_g2.5', path: 'loss.beta', base: null, value: null },
        { level: 'focal_a0.20_g2.5', path: 'loss.gamma', base: null, value: 2.5 },
        { level: 'focal_a0.20_g2.5', path: 'loss.name', base: null, value: 'focal' },
      ],
    );
  });

  test('notes explain the test, the correction, the detectable difference and what is unfinished', () => {
    const [welch, correction, mdd, ...rest] = unfreeze.notes;
    assert.match(welch!, /three seeds per arm a rank test cannot reach p < 0\.05/);
    assert.match(welch!, /Mann-Whitney/);
    assert.match(welch!, /2\/20 = 0\.1/);
    assert.match(correction!, /Holm's step-down correction over the 6 computable comparisons/);
    assert.match(loss.notes[1]!, /Benjamini-Hochberg/);
    assert.match(mdd!, /^Minimum detectable difference: the smallest true difference/);
    assert.ok(
      rest.includes(
        'Computed from done runs only: 9 done, 1 running, 1 pending, 1 failed of 12 planned; the numbers change as runs finish.',
      ),
    );
    assert.ok(rest.includes("'50 %' has one done run: it has no sd and cannot be tested."));
    assert.equal(loss.notes.length, 3);
  });

  test('is deterministic and matches the golden model', () => {
    const again = buildFixtureStore();
    try {
      assert.equal(stableJson(buildReportModel(again, FIXTURE_UNFREEZE_EXPERIMENT)), stableJson(unfreeze));
    } finally {
      again.close();
    }
    const actual = stableJson([unfreeze, loss]);
    if (process.env.CXR_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, actual);
    assert.equal(actual, readFileSync(GOLDEN, 'utf8'), 'golden model changed; see the comment at the top of this file to regenerate it');
  });
});
