import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { IN_MEMORY, openResultsStore, type PredictionSet } from '@cxr/results';
import { expectClose } from '@cxr/testkit';
import { ReportArgumentError } from '../errors.ts';
import { stableJson } from '../stable-json.ts';
import {
  buildFixtureStore,
  FIXTURE_LABELS,
  FIXTURE_LOSS_EXPERIMENT,
  FIXTURE_TEST_IMAGES,
  FIXTURE_UNCERTAIN_TEST_IMAGES,
  FIXTURE_UNFREEZE_EXPERIMENT,
} from '../testing/index.ts';
import type { ReportExperiment } from '../report-types.ts';
import { buildClinicalModel } from './build-clinical-model.ts';
import type { ReferenceColumn } from './clinical-types.ts';

const store = buildFixtureStore();
after(() => store.close());

/** A reference lacking the dataset's 'scoliosis', naming 'air trapping' (absent), spelled unlike the dataset. */
const REFERENCE: ReferenceColumn = {
  name: 'Test ref',
  source: 'made up for this test',
  auc: { ' Cardiomegaly': 0.8, 'PLEURAL EFFUSION': 0.9, 'air trapping': 0.7 },
};
const FAST = { b: 200, seed: 3 };
const model = buildClinicalModel(store, FIXTURE_LOSS_EXPERIMENT, { reference: REFERENCE, bootstrap: FAST });

const doneRuns = (level: string) =>
  store.listRuns({ experiment: FIXTURE_LOSS_EXPERIMENT.name }).filter((r) => r.label === level && r.status === 'done');

/** Truth and probability of one label over the images with truth 0/1, written out here without the code under test. */
function knownPairs(set: PredictionSet, label: string): { y: number[]; p: number[] } {
  const k = set.labelNames.indexOf(label);
  const y: number[] = [];
  const p: number[] = [];
  for (let n = 0; n < set.rows; n++) {
    const t = set.labels[n * set.cols + k]!;
    if (t === 0 || t === 1) {
      y.push(t);
      p.push(set.probabilities[n * set.cols + k]!);
    }
  }
  return { y, p };
}

/** Mann-Whitney AUC by counting pairs (ties 1/2): the definition, independent of @cxr/stats' sort. */
function pairAuc(y: number[], p: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++)
    for (let j = 0; j < y.length; j++)
      if (y[i] === 1 && y[j] === 0) {
        pairs++;
        wins += p[i]! > p[j]! ? 1 : p[i] === p[j] ? 0.5 : 0;
      }
  return wins / pairs;
}

describe('buildClinicalModel on the fixture store', () => {
  test('records the settings with the thesis defaults, levels in table order', () => {
    assert.deepEqual(model.reference, { name: 'Test ref', source: 'made up for this test' });
    assert.deepEqual(model.targets, { sensitivity: 0.95, specificity: 0.95 });
    assert.equal(model.eceBins, 15);
    assert.equal(model.maxCurvePoints, 100);
    assert.deepEqual(model.bootstrap, FAST);
    assert.deepEqual(model.levels, ['weighted-bce', 'focal_a0.20_g2.5', 'class-balanced focal']);
  });

  test('Table 10 Brier per seed equals the mean squared error over images with truth 0/1', () => {
    const row = model.table10[0]!.rows.find((r) => r.label === 'scoliosis')!;
    const runs = doneRuns('weighted-bce');
    assert.deepEqual(row.brier.seeds, [1, 2, 3]);
    runs.forEach((run, i) => {
      const { y, p } = knownPairs(store.getPredictions(run.id, 'test'), 'scoliosis');
      assert.equal(y.length, FIXTURE_TEST_IMAGES - FIXTURE_UNCERTAIN_TEST_IMAGES.length);
      expectClose(row.brier.values[i]!, y.reduce((s, t, n) => s + (p[n]! - t) ** 2, 0) / y.length, 1e-12);
    });
    const m = row.brier.values.reduce((a, b) => a + b, 0) / 3;
    expectClose(row.brier.mean, m, 1e-12);
    expectClose(row.brier.sd, Math.sqrt(row.brier.values.reduce((s, v) => s + (v - m) ** 2, 0) / 2), 1e-12);
  });

  test('Spec@Sens uses the validation threshold unchanged on test', () => {
    const row = model.table10[1]!.rows.find((r) => r.label === 'cardiomegaly')!;
    doneRuns('focal_a0.20_g2.5').forEach((run, i) => {
      const val = knownPairs(store.getPredictions(run.id, 'val'), 'cardiomegaly');
      const test = knownPairs(store.getPredictions(run.id, 'test'), 'cardiomegaly');
      // the largest threshold keeping >= 95 % of validation positives: the k-th highest positive score
      const pos = val.p.filter((_, n) => val.y[n] === 1).sort((a, b) => b - a);
      const threshold = pos[Math.ceil(0.95 * pos.length) - 1]!;
      const negs = test.p.filter((_, n) => test.y[n] === 0);
      expectClose(row.specAtSens.values[i]!, negs.filter((p) => p < threshold).length / negs.length, 1e-12);
      const fig = model.figures.find((f) => f.level === 'focal_a0.20_g2.5' && f.label === 'cardiomegaly' && f.seed === run.seed)!;
      assert.equal(fig.operatingPoints[0]!.threshold, threshold);
      expectClose(fig.operatingPoints[0]!.x, 1 - row.specAtSens.values[i]!, 1e-12);
    });
  });

  test("the macro row is, per seed, the mean of the labels' values; per-seed CIs bracket nothing impossible", () => {
    const rows = model.table10[2]!.rows;
    assert.deepEqual(
      rows.map((r) => r.label),
      [...FIXTURE_LABELS, 'macro'],
    );
    const macro = rows.at(-1)!;
    for (let s = 0; s < 3; s++)
      expectClose(macro.ece.values[s]!, (rows[0]!.ece.values[s]! + rows[1]!.ece.values[s]! + rows[2]!.ece.values[s]!) / 3, 1e-12);
    assert.deepEqual(macro.perSeed, []);
    for (const r of rows.slice(0, 3)) {
      assert.equal(r.perSeed.length, 3);
      for (const ci of r.perSeed)
        for (const [lo, hi] of [ci.brier, ci.specAtSens, ci.sensAtSpec]) assert.ok(lo! >= 0 && lo! <= hi! && hi! <= 1, `${lo} ${hi}`);
    }
  });

  test('Table 9: reference labels in its order, matched case-insensitively, absent ones listed, unreferenced ones appended', () => {
    assert.deepEqual(
      model.table9.map((r) => [r.label, r.reference, r.inDataset]),
      [
        ['cardiomegaly', 0.8, true],
        ['pleural effusion', 0.9, true],
        ['air trapping', 0.7, false],
        ['scoliosis', null, true],
      ],
    );
    assert.deepEqual(model.table9[2]!.perLevel, { 'weighted-bce': null, 'focal_a0.20_g2.5': null, 'class-balanced focal': null });
    assert.ok(model.notes.some((n) => n.includes('air trapping') && n.includes('does not have')));
    assert.ok(model.notes.some((n) => n.includes('scoliosis') && n.includes('does not name')));
    const scoliosis = model.table9[3]!.perLevel['weighted-bce']!;
    assert.equal(scoliosis.delta, null);
    assert.equal(scoliosis.deltaCi, null);
  });

  test('Table 9: extra quoted columns sit beside the reference with their source, values only; without them the model is unchanged', () => {
    const extra: ReferenceColumn = { name: 'Second', source: 'another made-up table', auc: { SCOLIOSIS: 0.61, cardiomegaly: 0.75 } };
    const withExtra = buildClinicalModel(store, FIXTURE_LOSS_EXPERIMENT, {
      reference: REFERENCE,
      extraReferences: [extra],
      bootstrap: FAST,
    });
    assert.deepEqual(withExtra.extraReferences, [{ name: 'Second', source: 'another made-up table' }]);
    assert.deepEqual(
      withExtra.table9.map((r) => [r.label, r.reference, r.extra]),
      [
        ['cardiomegaly', 0.8, [0.75]],
        ['pleural effusion', 0.9, [null]],
        ['air trapping', 0.7, [null]],
        ['scoliosis', null, [0.61]],
      ],
    );
    assert.deepEqual(
      withExtra.table9.map(({ extra: _, ...r }) => r),
      model.table9,
    );
    assert.equal('extraReferences' in model, false);
    assert.ok(!model.table9.some((r) => 'extra' in r));
  });

  test('Table 9: our AUC per seed is the pair-counting AUC, Delta = ours - reference, CI from the pooled bootstrap', () => {
    const cell = model.table9[1]!.perLevel['class-balanced focal']!;
    doneRuns('class-balanced focal').forEach((run, i) => {
      const { y, p } = knownPairs(store.getPredictions(run.id, 'test'), 'pleural effusion');
      expectClose(cell.auc.values[i]!, pairAuc(y, p), 1e-12);
      expectClose(cell.delta!.values[i]!, pairAuc(y, p) - 0.9, 1e-12);
    });
    const [lo, hi] = cell.deltaCi!;
    assert.ok(lo < hi && lo > -1 && hi < 1, `${lo} ${hi}`);
    // a CI over the three seeds' pooled images is narrower than the spread a single image resample allows
    assert.ok(hi - lo < 0.5);
  });

  test('figures: one per label and done run, curves thinned to maxCurvePoints from (0, 0) to (1, 1)', () => {
    const small = buildClinicalModel(store, FIXTURE_LOSS_EXPERIMENT, {
      reference: null,
      bootstrap: { b: 20, seed: 0 },
      maxCurvePoints: 10,
      histogramBins: 5,
    });
    assert.equal(small.table9.length, 0);
    assert.equal(small.figures.length, 9 * 3);
    for (const f of small.figures) {
      assert.ok(f.roc.length <= 10 && f.pr.length <= 10);
      assert.deepEqual([f.roc[0]!.x, f.roc[0]!.y, f.roc.at(-1)!.x, f.roc.at(-1)!.y], [0, 0, 1, 1]);
      assert.equal(f.histogram.length, 5);
      assert.ok(f.reliability.every((b) => b.count > 0));
      assert.equal(
        f.reliability.reduce((s, b) => s + b.count, 0),
        f.label === 'scoliosis' ? FIXTURE_TEST_IMAGES - 2 : FIXTURE_TEST_IMAGES,
      );
    }
    const f = small.figures.find((x) => x.label === 'scoliosis')!;
    const { y } = knownPairs(store.getPredictions(f.runId, 'test'), 'scoliosis');
    expectClose(f.prevalence, y.filter((t) => t === 1).length / y.length, 1e-12);
  });

  test('is deterministic: same store and request, same model bytes', () => {
    const again = buildClinicalModel(buildFixtureStore(), FIXTURE_LOSS_EXPERIMENT, { reference: REFERENCE, bootstrap: FAST });
    assert.equal(stableJson(again), stableJson(model));
  });

  test('request.levels picks and orders the levels; a level with no done run is kept empty', () => {
    const m = buildClinicalModel(store, FIXTURE_UNFREEZE_EXPERIMENT, {
      reference: null,
      levels: ['90 %', '50 %'],
      bootstrap: { b: 10, seed: 0 },
    });
    assert.deepEqual(m.levels, ['90 %', '50 %']);
    assert.deepEqual(m.table10[1]!.rows[0]!.brier.seeds, [1], '50 % has one done run (seed 1)');
  });
});

describe('buildClinicalModel edge cases', () => {
  test('a done run without stored predictions is named in the notes and left out', () => {
    const s = openResultsStore({ path: IN_MEMORY });
    after(() => s.close());
    const { configId } = s.registerConfig('bare', { a: 1 }, 'A');
    const { id } = s.registerRun({ configId, seed: 1, datasetFingerprint: 'fp' });
    s.finishRun(s.claimRun(id)!, { metrics: [], labelMetrics: [], predictions: [], info: {} });
    const experiment: ReportExperiment = {
      ...FIXTURE_LOSS_EXPERIMENT,
      name: 'bare',
      levels: [{ label: 'A', regime: '' }],
      publishedComparisons: [],
    };
    const m = buildClinicalModel(s, experiment, { reference: REFERENCE });
    assert.deepEqual(m.levels, []);
    assert.ok(m.notes.some((n) => n.includes(`Run ${id}`) && n.includes('no stored validation and test predictions')));
    assert.ok(m.table9.every((r) => !r.inDataset));
  });

  test('seeds whose test images differ get no pooled CI, and a note says why', () => {
    const s = openResultsStore({ path: IN_MEMORY });
    after(() => s.close());
    const { configId } = s.registerConfig('split', { a: 1 }, 'A');
    const set = (split: string, labels: number[], probabilities: number[]): PredictionSet => ({
      split,
      labelNames: ['cardiomegaly'],
      rows: labels.length,
      cols: 1,
      labels: Float32Array.from(labels),
      probabilities: Float32Array.from(probabilities),
    });
    for (const [seed, test] of [
      [1, [0, 1, 0, 1]],
      [2, [1, 0, 0, 1]],
    ] as const) {
      const { id } = s.registerRun({ configId, seed, datasetFingerprint: 'fp' });
      s.finishRun(s.claimRun(id)!, {
        metrics: [],
        labelMetrics: [],
        predictions: [set('val', [0, 1, 0, 1], [0.1, 0.8, 0.3, 0.6]), set('test', [...test], [0.2, 0.7, 0.4, 0.9])],
        info: {},
      });
    }
    const experiment: ReportExperiment = {
      ...FIXTURE_LOSS_EXPERIMENT,
      name: 'split',
      levels: [{ label: 'A', regime: '' }],
      publishedComparisons: [],
    };
    const m = buildClinicalModel(s, experiment, {
      reference: { name: 'r', source: 's', auc: { cardiomegaly: 0.5 } },
      bootstrap: { b: 10, seed: 0 },
    });
    const cell = m.table9[0]!.perLevel['A']!;
    assert.deepEqual(cell.auc.values, [1, 0.5]);
    assert.deepEqual(cell.delta!.values, [0.5, 0]);
    assert.equal(cell.deltaCi, null);
    assert.ok(m.notes.some((n) => n.includes('test images differ')));
  });

  test('refuses settings out of range, naming the key', () => {
    const cases: [object, RegExp][] = [
      [{ reference: null, eceBins: 0 }, /request\.eceBins.*integer >= 1.*0/],
      [{ reference: null, eceBins: 2.5 }, /request\.eceBins/],
      [{ reference: null, targets: { sensitivity: 1.5, specificity: 0.95 } }, /request\.targets\.sensitivity.*\[0, 1\].*1\.5/],
      [{ reference: null, bootstrap: { b: 0, seed: 0 } }, /request\.bootstrap\.b/],
      [{ reference: null, bootstrap: { b: 10, seed: -1 } }, /request\.bootstrap\.seed/],
      [{ reference: null, maxCurvePoints: 1 }, /request\.maxCurvePoints.*>= 2/],
      [{ reference: null, histogramBins: 0 }, /request\.histogramBins/],
      [{ reference: null, levels: 'all' }, /request\.levels.*array/],
      [{ reference: null, levels: ['nope'] }, /request\.levels\[0\].*weighted-bce.*nope/],
      [{ reference: { name: 'r', source: 's', auc: { cardiomegaly: 1.2 } } }, /request\.reference\.auc\["cardiomegaly"\].*\[0, 1\].*1\.2/],
      [{ reference: { name: 'r', source: 's', auc: null } }, /request\.reference\.auc.*label -> AUC/],
      [{ reference: null, extraReferences: [REFERENCE] }, /request\.extraReferences.*no extra columns without a reference/],
      [
        { reference: REFERENCE, extraReferences: [{ name: 'x', source: 's', auc: { scoliosis: -1 } }] },
        /request\.extraReferences\[0\]\.auc\["scoliosis"\].*\[0, 1\].*-1/,
      ],
    ];
    for (const [request, message] of cases) {
      assert.throws(
        () => buildClinicalModel(store, FIXTURE_LOSS_EXPERIMENT, request as never),
        (e: unknown) => e instanceof ReportArgumentError && message.test(e.message),
        JSON.stringify(request),
      );
    }
    assert.throws(() => buildClinicalModel(store, FIXTURE_LOSS_EXPERIMENT, null as never), /buildClinicalModel.*request/);
  });
});
