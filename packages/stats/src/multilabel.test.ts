import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { averagePrecision } from './average-precision.ts';
import { binarizeAt } from './binarize-at.ts';
import { column } from './column.ts';
import { exactMatchRatio } from './exact-match-ratio.ts';
import { hammingLoss } from './hamming-loss.ts';
import { labelMatrixFromRows } from './label-matrix-from-rows.ts';
import { labelRankingAveragePrecision } from './label-ranking-average-precision.ts';
import { macroAveragePrecision } from './macro-average-precision.ts';
import { macroRocAuc } from './macro-roc-auc.ts';
import { microAveragePrecision } from './micro-average-precision.ts';
import { microRocAuc } from './micro-roc-auc.ts';
import { multilabelBrierScore } from './multilabel-brier-score.ts';
import { multilabelConfusion } from './multilabel-confusion.ts';
import { multilabelSummary } from './multilabel-summary.ts';
import { precisionRecallF1 } from './precision-recall-f1.ts';
import { rocAuc } from './roc-auc.ts';
import type { LabelMatrix, StatsProblem } from './types.ts';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;

// Reference values: scikit-learn 1.2.1 (fixtures/generate-fixtures.py), N = 3000 x K = 6 with a
// 1 % label, rounded scores (ties) in two labels, rows with no and with all labels.
const ml = load<{
  versions: { sklearn: string };
  rows: number;
  cols: number;
  yTrue: number[];
  yScore: number[];
  thresholds: number[];
  perLabelRocAuc: number[];
  perLabelAveragePrecision: number[];
  macroRocAuc: number;
  microRocAuc: number;
  macroAveragePrecision: number;
  microAveragePrecision: number;
  brierScore: number;
  perLabelBrier: number[];
  labelRankingAveragePrecision: number;
  hammingLoss: number;
  exactMatchRatio: number;
  perLabelPrecision: number[];
  perLabelRecall: number[];
  perLabelF1: number[];
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  microPrecision: number;
  microRecall: number;
  microF1: number;
  confusion: { tp: number; fp: number; tn: number; fn: number }[];
}>('multilabel-metrics.json');
const Y: LabelMatrix = { rows: ml.rows, cols: ml.cols, data: ml.yTrue };
const S: LabelMatrix = { rows: ml.rows, cols: ml.cols, data: Float64Array.from(ml.yScore) };
const small = load<{
  rows: number;
  cols: number;
  yTrue: number[];
  yScore: number[];
  labelRankingAveragePrecision: number;
  hammingLoss: number;
  exactMatchRatio: number;
}>('lrap-small.json');

describe('multi-label metrics against scikit-learn (1e-9)', () => {
  test('fixture provenance', () => assert.equal(ml.versions.sklearn, '1.2.1'));
  test('macro / micro AUC-ROC and PR-AUC, per label', () => {
    const auc = macroRocAuc(Y, S);
    const ap = macroAveragePrecision(Y, S);
    expectClose(auc.perLabel, ml.perLabelRocAuc, 1e-9, 'per-label roc_auc_score');
    expectClose(ap.perLabel, ml.perLabelAveragePrecision, 1e-9, 'per-label average_precision_score');
    expectClose(auc.macro, ml.macroRocAuc, 1e-9, "roc_auc_score(average='macro')");
    expectClose(ap.macro, ml.macroAveragePrecision, 1e-9, "average_precision_score(average='macro')");
    assert.equal(auc.skipped, 0);
    expectClose(microRocAuc(Y, S), ml.microRocAuc, 1e-9, "roc_auc_score(average='micro')");
    expectClose(microAveragePrecision(Y, S), ml.microAveragePrecision, 1e-9, "average_precision_score(average='micro')");
  });
  test('Brier (eq. 19) overall and per label', () => {
    const b = multilabelBrierScore(Y, S);
    expectClose(b.brier, ml.brierScore, 1e-9, 'mean((S - Y)^2)');
    expectClose(b.perLabel, ml.perLabelBrier, 1e-9, 'brier_score_loss per label');
  });
  test('LRAP, Hamming loss, exact-match ratio', () => {
    expectClose(labelRankingAveragePrecision(Y, S), ml.labelRankingAveragePrecision, 1e-9, 'label_ranking_average_precision_score');
    const P = binarizeAt(S, ml.thresholds);
    expectClose(hammingLoss(Y, P), ml.hammingLoss, 1e-9, 'hamming_loss');
    expectClose(exactMatchRatio(Y, P), ml.exactMatchRatio, 1e-9, 'accuracy_score');
    const yS: LabelMatrix = { rows: small.rows, cols: small.cols, data: small.yTrue };
    const sS: LabelMatrix = { rows: small.rows, cols: small.cols, data: small.yScore };
    expectClose(labelRankingAveragePrecision(yS, sS), small.labelRankingAveragePrecision, 1e-12, 'LRAP with ties and empty rows');
    expectClose(hammingLoss(yS, binarizeAt(sS, 0.5)), small.hammingLoss, 1e-12);
    expectClose(exactMatchRatio(yS, binarizeAt(sS, 0.5)), small.exactMatchRatio, 1e-12);
  });
  test('precision / recall / F1 micro and macro, confusion matrices', () => {
    const r = precisionRecallF1(Y, S, ml.thresholds);
    expectClose(r.micro.precision, ml.microPrecision, 1e-9);
    expectClose(r.micro.recall, ml.microRecall, 1e-9);
    expectClose(r.micro.f1, ml.microF1, 1e-9);
    expectClose(r.macro.precision.perLabel, ml.perLabelPrecision, 1e-9);
    expectClose(r.macro.recall.perLabel, ml.perLabelRecall, 1e-9);
    expectClose(r.macro.f1.perLabel, ml.perLabelF1, 1e-9);
    expectClose(r.macro.precision.macro, ml.macroPrecision, 1e-9);
    expectClose(r.macro.recall.macro, ml.macroRecall, 1e-9);
    expectClose(r.macro.f1.macro, ml.macroF1, 1e-9);
    assert.deepEqual(multilabelConfusion(Y, S, ml.thresholds), ml.confusion);
  });
  test('multilabelSummary agrees with the dedicated functions and scikit-learn', () => {
    const problems: StatsProblem[] = [];
    const s = multilabelSummary(Y, S, { thresholds: ml.thresholds, labels: ['a', 'b', 'c', 'd', 'e', 'f'], problems });
    expectClose(s.macroRocAuc, ml.macroRocAuc, 1e-9);
    expectClose(s.microRocAuc, ml.microRocAuc, 1e-9);
    expectClose(s.macroAveragePrecision, ml.macroAveragePrecision, 1e-9);
    expectClose(s.microAveragePrecision, ml.microAveragePrecision, 1e-9);
    expectClose(s.brier, ml.brierScore, 1e-9);
    expectClose(s.labelRankingAveragePrecision, ml.labelRankingAveragePrecision, 1e-9);
    expectClose(s.atThresholds!.hammingLoss, ml.hammingLoss, 1e-9);
    expectClose(s.atThresholds!.exactMatchRatio, ml.exactMatchRatio, 1e-9);
    expectClose(s.atThresholds!.precisionRecallF1.macro.f1.macro, ml.macroF1, 1e-9);
    assert.deepEqual(s.atThresholds!.confusion, ml.confusion);
    assert.deepEqual(s.skipped, { rocAuc: 0, averagePrecision: 0 });
    assert.equal(s.perLabel[2]!.name, 'c');
    expectClose(s.perLabel[2]!.rocAuc, ml.perLabelRocAuc[2]!, 1e-9);
    expectClose(s.perLabel[5]!.brier, ml.perLabelBrier[5]!, 1e-9);
    assert.equal(s.perLabel[0]!.positives + s.perLabel[0]!.negatives, ml.rows);
    assert.deepEqual(problems, []);
    assert.equal(multilabelSummary(Y, S).atThresholds, undefined);
  });
});

describe('skipped labels in macro averages', () => {
  // label 0 is informative, label 1 has no negatives, label 2 no positives.
  const yT = labelMatrixFromRows([
    [0, 1, 0],
    [0, 1, 0],
    [1, 1, 0],
    [1, 1, 0],
  ]);
  const yS = labelMatrixFromRows([
    [0.1, 0.2, 0.3],
    [0.4, 0.3, 0.2],
    [0.35, 0.5, 0.1],
    [0.8, 0.9, 0.7],
  ]);
  test('macroRocAuc skips and reports', () => {
    const problems: StatsProblem[] = [];
    const r = macroRocAuc(yT, yS, problems);
    assert.equal(r.macro, 0.75);
    assert.equal(r.skipped, 2);
    assert.deepEqual(r.skippedLabels, [
      { label: 1, reason: 'yTrue has no negatives (4 positives)' },
      { label: 2, reason: 'yTrue has no positives (4 negatives)' },
    ]);
    assert.deepEqual(
      problems.map((p) => [p.fn, p.label]),
      [
        ['macroRocAuc', 1],
        ['macroRocAuc', 2],
      ],
    );
    assert.ok(Number.isNaN(r.perLabel[1]!));
  });
  test('macroAveragePrecision and the summary count the same skips', () => {
    const ap = macroAveragePrecision(yT, yS);
    expectClose(ap.macro, averagePrecision(column(yT, 0), column(yS, 0)), 1e-15);
    const s = multilabelSummary(yT, yS);
    assert.deepEqual(s.skipped, { rocAuc: 2, averagePrecision: 2 });
    assert.equal(s.perLabel[2]!.reason, 'yTrue has no positives (4 negatives)');
    assert.ok(Number.isFinite(s.perLabel[2]!.brier));
  });
  test('every label skipped: macro NaN, all counted', () => {
    const r = macroRocAuc(labelMatrixFromRows([[0], [0]]), labelMatrixFromRows([[0.2], [0.3]]));
    assert.ok(Number.isNaN(r.macro));
    assert.equal(r.skipped, 1);
  });
  test('micro metrics NaN when the pooled cells lack a class', () => {
    const problems: StatsProblem[] = [];
    assert.ok(Number.isNaN(microRocAuc(labelMatrixFromRows([[0, 0]]), labelMatrixFromRows([[0.2, 0.3]]), problems)));
    assert.ok(Number.isNaN(microAveragePrecision(labelMatrixFromRows([[1, 1]]), labelMatrixFromRows([[0.2, 0.3]]), problems)));
    assert.deepEqual(
      problems.map((p) => p.reason),
      ['all labels together: yTrue has no positives (2 negatives)', 'all labels together: yTrue has no negatives (2 positives)'],
    );
  });
  test('precision/recall/F1: undefined per-label values are skipped and reported', () => {
    const problems: StatsProblem[] = [];
    const r = precisionRecallF1(
      labelMatrixFromRows([
        [1, 0],
        [0, 0],
        [1, 0],
      ]),
      labelMatrixFromRows([
        [0.9, 0.1],
        [0.6, 0.2],
        [0.3, 0.1],
      ]),
      0.5,
      problems,
    );
    assert.deepEqual(r.micro, { precision: 0.5, recall: 0.5, f1: 0.5 });
    assert.equal(r.macro.precision.macro, 0.5);
    assert.equal(r.macro.precision.skipped, 1);
    assert.equal(r.macro.recall.skipped, 1);
    assert.equal(r.macro.f1.skipped, 1);
    assert.deepEqual(
      problems.map((p) => p.reason),
      [
        'precision undefined: nothing predicted positive',
        'recall undefined: yTrue has no positives',
        'F1 undefined: no positives and nothing predicted positive',
      ],
    );
  });
});

describe('matrix helpers and hand-worked values', () => {
  test('column and labelMatrixFromRows', () => {
    assert.deepEqual(Array.from(column({ rows: 2, cols: 3, data: [1, 2, 3, 4, 5, 6] }, 1)), [2, 5]);
    const m = labelMatrixFromRows([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    assert.deepEqual({ rows: m.rows, cols: m.cols, data: Array.from(m.data) }, { rows: 3, cols: 2, data: [1, 0, 0, 1, 1, 1] });
    assert.equal(rocAuc(column(Y, 3), column(S, 3)), macroRocAuc(Y, S).perLabel[3]);
  });
  test('binarizeAt: >= threshold, shared or per label', () => {
    assert.deepEqual(Array.from(binarizeAt({ rows: 2, cols: 2, data: [0.2, 0.7, 0.5, 0.1] }, [0.5, 0.05]).data), [0, 1, 1, 1]);
    assert.deepEqual(Array.from(binarizeAt({ rows: 1, cols: 2, data: [0.5, 0.49] }, 0.5).data), [1, 0]);
  });
  test('doc examples', () => {
    const b = multilabelBrierScore({ rows: 2, cols: 2, data: [0, 1, 1, 1] }, { rows: 2, cols: 2, data: [0.2, 0.6, 1, 0.9] });
    expectClose(b.brier, 0.0525, 1e-15);
    expectClose(b.perLabel, [0.02, 0.085], 1e-15);
    assert.equal(hammingLoss({ rows: 2, cols: 2, data: [0, 1, 1, 1] }, { rows: 2, cols: 2, data: [0, 1, 0, 0] }), 0.5);
    assert.equal(exactMatchRatio({ rows: 2, cols: 2, data: [0, 1, 1, 1] }, { rows: 2, cols: 2, data: [0, 1, 0, 1] }), 0.5);
    expectClose(
      labelRankingAveragePrecision({ rows: 2, cols: 3, data: [1, 0, 0, 0, 0, 1] }, { rows: 2, cols: 3, data: [0.75, 0.5, 1, 1, 0.2, 0.1] }),
      5 / 12,
      1e-15,
    );
    assert.deepEqual(multilabelConfusion({ rows: 2, cols: 1, data: [0, 1] }, { rows: 2, cols: 1, data: [0.6, 0.7] }, 0.5), [
      { tp: 1, fp: 1, tn: 0, fn: 0 },
    ]);
    assert.equal(microRocAuc({ rows: 2, cols: 2, data: [0, 0, 1, 1] }, { rows: 2, cols: 2, data: [0.1, 0.4, 0.35, 0.8] }), 0.75);
  });
});

describe('multi-label argument errors', () => {
  const good = labelMatrixFromRows([
    [0, 1],
    [1, 0],
  ]);
  const scores = labelMatrixFromRows([
    [0.2, 0.8],
    [0.6, 0.1],
  ]);
  const isArgError = (message: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && message.test(e.message);
  const cases: [string, () => unknown, RegExp][] = [
    [
      'matrix not an object',
      () => macroRocAuc(null as unknown as LabelMatrix, scores),
      /^macroRocAuc\(yTrue\): expected a LabelMatrix \{ rows, cols, data \}, received null$/,
    ],
    [
      'rows not integer',
      () => macroRocAuc({ rows: 1.5, cols: 2, data: [0, 1] }, scores),
      /^macroRocAuc\(yTrue.rows\): expected an integer >= 1, received 1.5$/,
    ],
    [
      'cols zero',
      () => microRocAuc(good, { rows: 2, cols: 0, data: [] }),
      /^microRocAuc\(yScore.cols\): expected an integer >= 1, received 0$/,
    ],
    [
      'data not array',
      () => macroAveragePrecision(good, { rows: 2, cols: 2, data: 'abcd' as unknown as number[] }),
      /^macroAveragePrecision\(yScore.data\): expected an array or typed array of numbers, received "abcd"$/,
    ],
    [
      'data wrong length',
      () => macroRocAuc(good, { rows: 2, cols: 2, data: [1, 2, 3] }),
      /^macroRocAuc\(yScore.data\): expected length rows x cols = 4, received length 3$/,
    ],
    [
      'shape mismatch',
      () => microAveragePrecision(good, { rows: 1, cols: 4, data: [0, 0, 0, 0] }),
      /^microAveragePrecision\(yScore\): expected shape 2 x 2 \(the shape of yTrue\), received shape 1 x 4$/,
    ],
    [
      'truth not binary',
      () => macroRocAuc({ rows: 1, cols: 2, data: [0, 0.4] }, { rows: 1, cols: 2, data: [0, 0] }),
      /^macroRocAuc\(yTrue\): expected only 0 or 1, received 0.4 at row 0, label 1$/,
    ],
    [
      'score NaN',
      () => labelRankingAveragePrecision(good, { rows: 2, cols: 2, data: [0, 0, Number.NaN, 0] }),
      /^labelRankingAveragePrecision\(yScore\): expected finite numbers, received NaN at row 1, label 0$/,
    ],
    [
      'probability > 1',
      () => multilabelBrierScore(good, { rows: 2, cols: 2, data: [0, 1.5, 0, 0] }),
      /^multilabelBrierScore\(yProb\): expected values in \[0, 1\], received 1.5 at row 0, label 1$/,
    ],
    [
      'summary needs probabilities',
      () => multilabelSummary(good, { rows: 2, cols: 2, data: [0, -2, 0, 0] }),
      /^multilabelSummary\(yProb\): expected values in \[0, 1\], received -2 at row 0, label 1$/,
    ],
    [
      'summary labels count',
      () => multilabelSummary(good, scores, { labels: ['x'] }),
      /^multilabelSummary\(options.labels\): expected 2 label names, received an array of length 1$/,
    ],
    [
      'summary thresholds count',
      () => multilabelSummary(good, scores, { thresholds: [0.5] }),
      /^multilabelSummary\(thresholds\): expected 2 thresholds \(one per label\), received length 1$/,
    ],
    [
      'prediction not binary',
      () => hammingLoss(good, scores),
      /^hammingLoss\(yPred\): expected only 0 or 1 \(binarize scores with binarizeAt\), received 0.2 at row 0, label 0$/,
    ],
    ['exact match prediction not binary', () => exactMatchRatio(good, scores), /^exactMatchRatio\(yPred\): expected only 0 or 1/],
    [
      'thresholds NaN',
      () => binarizeAt(scores, Number.NaN),
      /^binarizeAt\(thresholds\): expected a number or one number per label, received NaN$/,
    ],
    [
      'thresholds element NaN',
      () => multilabelConfusion(good, scores, [0.5, Number.NaN]),
      /^multilabelConfusion\(thresholds\): expected numbers \(not NaN\), received NaN at label 1$/,
    ],
    [
      'thresholds wrong type',
      () => precisionRecallF1(good, scores, '0.5' as unknown as number),
      /^multilabelConfusion\(thresholds\): expected a number or one number per label, received "0.5"$/,
    ],
    ['column k out of range', () => column(good, 2), /^column\(k\): expected an integer in \[0, 1\], received 2$/],
    [
      'column bad matrix',
      () => column({ rows: 2, cols: 2, data: [1] }, 0),
      /^column\(matrix.data\): expected length rows x cols = 4, received length 1$/,
    ],
    ['fromRows empty', () => labelMatrixFromRows([]), /^labelMatrixFromRows\(rows\): expected at least one row, received an empty array$/],
    [
      'fromRows empty row',
      () => labelMatrixFromRows([[]]),
      /^labelMatrixFromRows\(rows\[0\]\): expected at least one label, received an empty array$/,
    ],
    [
      'fromRows ragged',
      () => labelMatrixFromRows([[1, 0], [1]]),
      /^labelMatrixFromRows\(rows\[1\]\): expected length 2 \(the length of rows\[0\]\), received length 1$/,
    ],
    [
      'fromRows not rows',
      () => labelMatrixFromRows([1, 2] as unknown as number[][]),
      /^labelMatrixFromRows\(rows\[0\]\): expected an array or typed array of numbers, received 1$/,
    ],
  ];
  for (const [name, call, message] of cases) test(name, () => assert.throws(call, isArgError(message)));
});
