/**
 * A small hand-made ReportModel for the renderers' unit tests: three levels (one without done
 * runs), three seeds, two metrics, two comparisons (one significant, one not computable), a failed
 * and a pending run, curves of three epochs and a 3-label AUC heat map. The numbers are invented
 * but consistent (means and sds are those of the listed values); text carries characters that
 * must be escaped (<, &, quotes) so escaping is exercised.
 */
import type { ComparisonRow, LevelRow, MetricSummary, ReportModel, ReportRun } from '../report-types.ts';

const SEEDS = [1, 2, 3];

function summary(values: number[], seeds = SEEDS): MetricSummary {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n < 2 ? Number.NaN : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, values, seeds };
}

const AUC: Record<string, number[]> = { '90 %': [0.81, 0.83, 0.82], '100 %': [0.76, 0.78, 0.77] };
const PR: Record<string, number[]> = { '90 %': [0.41, 0.44, 0.42], '100 %': [0.35, 0.37, 0.36] };

function run(runId: number, level: string, seed: number, status: ReportRun['status']): ReportRun {
  const done = status === 'done';
  const i = SEEDS.indexOf(seed);
  return {
    runId,
    level,
    seed,
    status,
    configHash: level === '90 %' ? 'a1b2c3d4' : level === '100 %' ? 'e5f6a7b8' : 'c9d0e1f2',
    datasetFingerprint: 'fp-0123456789abcdef',
    backend: done ? 'wasm' : null,
    codeVersion: done ? 'abc1234' : null,
    attempts: status === 'pending' ? 0 : 1,
    startedAt: status === 'pending' ? null : 1_767_225_600_000 + runId * 60_000,
    endedAt: done || status === 'failed' ? 1_767_225_600_000 + runId * 60_000 + 30_000 : null,
    error: status === 'failed' ? 'out of memory <wasm> & "heap" exhausted' : null,
    params: { total: 4.25e6, trainable: level === '90 %' ? 3.8e6 : 4.2e6 },
    metrics: done
      ? { 'test.macro_auc_roc': AUC[level]![i]!, 'test.macro_pr_auc': PR[level]![i]!, 'val.macro_auc_roc': AUC[level]![i]! + 0.01 }
      : {},
  };
}

function level(label: string, regime: string, best: boolean, published: LevelRow['published']): LevelRow {
  const done = AUC[label] !== undefined;
  return {
    label,
    regime,
    paramsMillions: done ? (label === '90 %' ? 3.8 : 4.2) : null,
    seedsDone: done ? 3 : 0,
    seedsPlanned: 3,
    runs: done ? { pending: 0, running: 0, done: 3, failed: 0 } : { pending: 1, running: 1, done: 0, failed: 1 },
    metrics: {
      macro_auc_roc: done ? summary(AUC[label]!) : null,
      macro_pr_auc: done ? summary(PR[label]!) : null,
    },
    published,
    best,
  };
}

const significant: ComparisonRow = {
  a: '90 %',
  b: '100 %',
  metric: 'macro_auc_roc',
  nA: 3,
  nB: 3,
  meanA: 0.82,
  meanB: 0.77,
  difference: 0.05,
  ci: [0.0273, 0.0727],
  t: 6.1237,
  df: 4,
  tCritical: 2.7764,
  p: 0.0036,
  pAdjusted: 0.0072,
  significant: true,
  verdict: 'a higher (p_adj = 0.0072)',
  hedgesG: 4.0,
  minimumDetectable: 0.0229,
  seedsNeeded: 2,
  published: { a: '90 %', b: '100 %', metric: 'macro_auc_roc', t: 3.2, tCritical: 2.7764, p: 0.033, df: 4 },
  agreement: { sameDirection: true, sameVerdict: true },
  notComputable: null,
};

const nan = Number.NaN;
const notComputable: ComparisonRow = {
  a: '0 % <frozen>',
  b: '100 %',
  metric: 'macro_auc_roc',
  nA: 0,
  nB: 3,
  meanA: nan,
  meanB: 0.77,
  difference: nan,
  ci: [nan, nan],
  t: nan,
  df: nan,
  tCritical: nan,
  p: nan,
  pAdjusted: nan,
  significant: false,
  verdict: 'not computable',
  hedgesG: nan,
  minimumDetectable: nan,
  seedsNeeded: null,
  published: null,
  agreement: null,
  notComputable: 'fewer than two done runs in "0 % <frozen>"',
};

/** The sample model (a fresh object each call, so a test may mutate it). */
export function sampleReportModel(): ReportModel {
  const runs: ReportRun[] = [
    run(1, '90 %', 1, 'done'),
    run(2, '90 %', 2, 'done'),
    run(3, '90 %', 3, 'done'),
    run(4, '100 %', 1, 'done'),
    run(5, '100 %', 2, 'done'),
    run(6, '100 %', 3, 'done'),
    run(7, '0 % <frozen>', 1, 'failed'),
    run(8, '0 % <frozen>', 2, 'running'),
    run(9, '0 % <frozen>', 3, 'pending'),
  ];
  const curves = runs
    .filter((r) => r.status === 'done')
    .map((r) => ({
      level: r.level,
      seed: r.seed,
      runId: r.runId,
      points: [1, 2, 3].map((epoch) => ({
        epoch,
        trainLoss: 0.7 - 0.1 * epoch,
        valLoss: 0.72 - 0.08 * epoch + 0.01 * r.seed,
        metrics: { macro_auc_roc: (r.metrics['test.macro_auc_roc'] ?? 0.7) - 0.03 * (3 - epoch) },
      })),
    }));
  const labels = ['cardiomegaly', 'pleural effusion', 'scoliosis'];
  const labelAuc = ['90 %', '100 %'].flatMap((lv, li) =>
    labels.map((label, j) => ({
      level: lv,
      label,
      summary: summary([0.8 - 0.05 * li + 0.02 * j, 0.82 - 0.05 * li + 0.02 * j, 0.81 - 0.05 * li + 0.02 * j]),
    })),
  );
  return {
    experiment: {
      name: 'sample-unfreeze',
      title: 'Unfreezing <sample> & "friends"',
      thesisTable: 'Table 2',
      factor: 'fraction of backbone layers unfrozen',
      description: 'A hand-made model for tests; see https://example.org/thesis for the original.',
      paramsColumn: 'trainable',
      metrics: ['macro_auc_roc', 'macro_pr_auc'],
    },
    alpha: 0.05,
    correction: 'holm',
    header: {
      datasets: ['phantom'],
      backbones: ['efficientnetb0'],
      datasetFingerprints: ['fp-0123456789abcdef'],
      profile: 'default',
      backends: ['wasm'],
      codeVersions: ['abc1234'],
      firstRunAt: 1_767_225_660_000,
      lastRunAt: 1_767_226_110_000,
      runs: { pending: 1, running: 1, done: 6, failed: 1 },
      planned: 9,
    },
    levels: [
      level('90 %', 'partial fine-tuning', true, { macro_auc_roc: { mean: 0.8, sd: 0.01 } }),
      level('100 %', 'full fine-tuning', false, { macro_auc_roc: { mean: 0.78, sd: 0.012 } }),
      level('0 % <frozen>', 'feature extraction', false, null),
    ],
    comparisons: [significant, notComputable],
    runs,
    curves,
    labelAuc,
    changes: [
      { level: '90 %', path: 'model.unfreeze', base: 1, value: 0.9 },
      { level: '0 % <frozen>', path: 'model.unfreeze', base: 1, value: 0 },
    ],
    notes: [
      "Why Welch's t-test: with three seeds per arm an exact rank test cannot reach p < 0.05 (its smallest two-sided p is 2/20 = 0.1); Welch's test does not assume equal variances.",
      'Level "0 % <frozen>" has no done runs.',
    ],
    clinical: null,
  };
}
