import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { expectedCalibrationError } from './expected-calibration-error.ts';
import { probabilityHistogram } from './probability-histogram.ts';

interface CalibrationCase {
  name: string;
  yTrue: number[];
  yScore: number[];
  calibration: {
    bins: number;
    scoresOnInnerEdges: number;
    counts: number[];
    observed: number[];
    meanPredicted: number[];
    ece: number;
    sklearnCalibrationCurve: { probTrue: number[]; probPred: number[] } | null;
  };
  histogram: { bins: number; positives: number[]; negatives: number[] };
}
// Reference values (fixtures/generate-curve-fixtures.py): NumPy 1.24.2 bins [i/B, (i+1)/B) by
// searchsorted(side='right') and bincount for counts, observed, meanPredicted and the ECE, and
// np.histogram for the histograms; scikit-learn 1.2.1 calibration_curve(strategy='uniform') where no
// score sits on an inner edge (1.2.1 puts an edge value in the bin below, the contract above).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/curves.json', import.meta.url), 'utf8')) as {
  versions: { sklearn: string; numpy: string };
  cases: CalibrationCase[];
};

describe('expectedCalibrationError and probabilityHistogram against scikit-learn / NumPy', () => {
  test('fixture provenance; edge values covered, and scikit-learn compared on one case at least', () => {
    assert.deepEqual([fixture.versions.sklearn, fixture.versions.numpy], ['1.2.1', '1.24.2']);
    assert.ok(fixture.cases.some((c) => c.calibration.scoresOnInnerEdges > 0));
    assert.ok(fixture.cases.some((c) => c.calibration.sklearnCalibrationCurve !== null));
  });
  for (const c of fixture.cases) {
    test(`${c.name} (${c.calibration.scoresOnInnerEdges} scores on inner edges): bins and ECE to 1e-12`, () => {
      const r = expectedCalibrationError(c.yTrue, c.yScore, { bins: c.calibration.bins });
      assert.equal(r.bins.length, c.calibration.bins, 'every bin listed');
      const full = r.bins.filter((b) => b.count > 0);
      assert.deepEqual(
        full.map((b) => b.count),
        c.calibration.counts,
      );
      const observed = full.map((b) => b.observed);
      const meanPredicted = full.map((b) => b.meanPredicted);
      expectClose(observed, c.calibration.observed, 1e-12, 'observed');
      expectClose(meanPredicted, c.calibration.meanPredicted, 1e-12, 'meanPredicted');
      const sk = c.calibration.sklearnCalibrationCurve;
      if (sk) {
        expectClose(observed, sk.probTrue, 1e-12, 'calibration_curve prob_true');
        expectClose(meanPredicted, sk.probPred, 1e-12, 'calibration_curve prob_pred');
      }
      expectClose(r.ece, c.calibration.ece, 1e-12, 'ece');
      assert.ok(r.bins.filter((b) => b.count === 0).every((b) => Number.isNaN(b.meanPredicted) && Number.isNaN(b.observed)));
    });
    test(`${c.name}: histogram is np.histogram's relative frequency per class`, () => {
      const h = probabilityHistogram(c.yTrue, c.yScore, c.histogram.bins);
      expectClose(
        h.map((b) => b.positives),
        c.histogram.positives,
        1e-12,
        'positives',
      );
      expectClose(
        h.map((b) => b.negatives),
        c.histogram.negatives,
        1e-12,
        'negatives',
      );
    });
  }
});

describe('hand-worked calibration', () => {
  test('doc example: two bins, each off by 0.25', () => {
    const r = expectedCalibrationError([0, 1, 1, 0], [0.1, 0.9, 0.6, 0.4], { bins: 2 });
    assert.equal(r.ece, 0.25);
    assert.deepEqual(r.bins, [
      { lo: 0, hi: 0.5, count: 2, meanPredicted: 0.25, observed: 0 },
      { lo: 0.5, hi: 1, count: 2, meanPredicted: 0.75, observed: 1 },
    ]);
  });
  test('default 15 bins; edges open the bin above, 1 falls in the last bin, 0 in the first', () => {
    const r = expectedCalibrationError([0, 1, 1, 0], [0, 1, 0.2, 0.6]);
    assert.equal(r.bins.length, 15);
    // 0.2 = 3/15 and 0.6 = 9/15 exactly: bins 3 and 9
    assert.deepEqual(
      r.bins.flatMap((b, i) => (b.count > 0 ? [i] : [])),
      [0, 3, 9, 14],
    );
    assert.equal(r.bins[14]!.hi, 1);
    expectClose(r.ece, (0 + 0 + 0.8 + 0.6) / 4, 1e-15, 'ece');
  });
  test('perfectly calibrated bins give 0; a single class is defined', () => {
    assert.equal(expectedCalibrationError([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], { bins: 4 }).ece, 0);
    expectClose(expectedCalibrationError([0, 0], [0.1, 0.3], { bins: 1 }).ece, 0.2, 1e-15, 'no positives');
  });
  test('histogram: each class sums to 1; a class with no member gives zeros; 20 bins by default', () => {
    assert.deepEqual(probabilityHistogram([0, 1, 1], [0.1, 0.9, 0.7], 2), [
      { lo: 0, hi: 0.5, positives: 0, negatives: 1 },
      { lo: 0.5, hi: 1, positives: 1, negatives: 0 },
    ]);
    const h = probabilityHistogram([0, 0, 0], [0, 0.5, 1]);
    assert.equal(h.length, 20);
    assert.ok(h.every((b) => b.positives === 0));
    assert.deepEqual(
      h.flatMap((b, i) => (b.negatives > 0 ? [[i, b.negatives]] : [])),
      [
        [0, 1 / 3],
        [10, 1 / 3],
        [19, 1 / 3],
      ],
    );
  });
  test('argument errors', () => {
    const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
    assert.throws(
      () => expectedCalibrationError([0, 1], [0.5, 1.5]),
      arg(/^expectedCalibrationError\(yProb\): expected probabilities in \[0, 1\], received 1.5 at index 1$/),
    );
    assert.throws(
      () => expectedCalibrationError([0, 1], [0.5, 0.5], { bins: 0 }),
      arg(/^expectedCalibrationError\(options.bins\): expected an integer >= 1, received 0$/),
    );
    assert.throws(
      () => expectedCalibrationError([0, 1], [0.5]),
      arg(/^expectedCalibrationError\(yProb\): expected length 2 \(the length of yTrue\), received length 1$/),
    );
    assert.throws(
      () => probabilityHistogram([0, 1], [-0.1, 0.5]),
      arg(/^probabilityHistogram\(yProb\): expected probabilities in \[0, 1\], received -0.1 at index 0$/),
    );
    assert.throws(
      () => probabilityHistogram([0, 1], [0.1, 0.5], 2.5),
      arg(/^probabilityHistogram\(bins\): expected an integer >= 1, received 2.5$/),
    );
    assert.throws(
      () => probabilityHistogram([0, 3], [0.1, 0.5]),
      arg(/^probabilityHistogram\(yTrue\): expected only 0 or 1, received 3 at index 1$/),
    );
  });
});
