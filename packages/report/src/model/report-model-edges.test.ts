import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { IN_MEMORY, openResultsStore, type ResultsStore } from '@cxr/results';
import { buildReportModel } from '../build-report-model.ts';
import type { ReportExperiment } from '../report-types.ts';

/** A small store where every run is done with the given test macro AUC-ROC (and a PR-AUC beside it). */
function storeWith(): { store: ResultsStore; run: (label: string, config: object, seed: number, auc: number | null, fp?: string) => void } {
  let clock = 1_700_000_000_000;
  const store = openResultsStore({ path: IN_MEMORY, now: () => (clock += 1000) });
  const run = (label: string, config: object, seed: number, auc: number | null, fp = 'fp1') => {
    const { configId } = store.registerConfig('edge', config, label);
    const { id } = store.registerRun({ configId, seed, datasetFingerprint: fp });
    if (auc === null) return;
    const claim = store.claimRun(id)!;
    store.finishRun(claim, {
      metrics: [
        { split: 'test', name: 'macro_auc_roc', value: auc },
        { split: 'test', name: 'macro_pr_auc', value: auc / 4 },
      ],
      labelMetrics: [],
      predictions: [],
      info: { params: { total: 1000, trainable: 500 } },
    });
  };
  return { store, run };
}

const base = (x: Record<string, unknown>) => ({ dataset: { name: 'phantom' }, model: { unfreeze: 1, head: [16] }, ...x });
const { store, run } = storeWith();
after(() => store.close());
run('A', base({ lr: 1 }), 1, 0.5);
run('A', base({ lr: 1 }), 2, 0.52);
run('A', base({ lr: 2 }), 1, 0.7); // a later config under the same label: the one the level uses
run('A', base({ lr: 2 }), 2, 0.72);
run('A', base({ lr: 2 }), 3, 0.71);
run('B', base({ lr: 3 }), 1, 0.6);
run('B', base({ lr: 3 }), 2, 0.62);
run('B', base({ lr: 3 }), 3, 0.61);
run('B', base({ lr: 3 }), 4, 0.9, 'fp2'); // another dataset: left out
run('H-db', base({ lr: 4 }), 1, 0.8);
run('H-db', base({ lr: 4 }), 2, 0.81);
run('Z1', base({ lr: 5 }), 1, 0.65);
run('Z1', base({ lr: 5 }), 2, 0.65);
run('Z2', base({ lr: 6 }), 1, 0.66);
run('Z2', base({ lr: 6 }), 2, 0.66);
run('C', base({ lr: 7 }), 1, null); // pending, and not described: appended
const hashOf = (label: string) => store.listRuns({ experiment: 'edge' }).find((r) => r.label === label)!.configHash;

const experiment: ReportExperiment = {
  name: 'edge',
  title: 'Edge cases',
  thesisTable: null,
  factor: 'learning rate',
  paramsColumn: 'total',
  levels: [
    { label: 'A', regime: 'a' },
    { label: 'B', regime: 'b', published: { macro_auc_roc: { mean: 0.6, sd: 0.01 } } },
    { label: 'H', regime: 'by hash', configHashes: [hashOf('H-db')] },
    { label: 'Empty', regime: 'none yet' },
    { label: 'Z1', regime: 'z' },
    { label: 'Z2', regime: 'z' },
  ],
  metrics: ['macro_auc_roc'],
  comparisons: [
    { kind: 'pair', a: 'A', b: 'B' },
    { kind: 'pair', a: 'A', b: 'Empty' },
    { kind: 'pair', a: 'Z1', b: 'Z2' },
    { kind: 'pair', a: 'H', b: 'B' },
  ],
  publishedComparisons: [
    { a: 'B', b: 'A', metric: 'macro_auc_roc', t: 1, tCritical: 2.78, p: 0.3 },
    { a: 'H', b: 'B', metric: 'macro_auc_roc', t: 1, tCritical: 2.78, p: 0.3 },
    { a: 'A', b: 'Z1', metric: 'macro_auc_roc', t: 1, tCritical: 2.78, p: 0.3 },
  ],
};
const model = buildReportModel(store, experiment);
const find = (a: string, b: string) => model.comparisons.find((c) => c.a === a && c.b === b)!;

describe('buildReportModel edge cases', () => {
  test('levels: described ones in order, then labels found only in the database', () => {
    assert.deepEqual(
      model.levels.map((l) => [l.label, l.regime, l.seedsDone]),
      [
        ['A', 'a', 3],
        ['B', 'b', 3],
        ['H', 'by hash', 2],
        ['Empty', 'none yet', 0],
        ['Z1', 'z', 2],
        ['Z2', 'z', 2],
        ['C', '', 0],
      ],
    );
    assert.equal(model.levels[3]!.metrics.macro_auc_roc, null);
    assert.equal(model.levels[3]!.paramsMillions, null);
    assert.equal(model.levels[0]!.paramsMillions, 0.001);
  });

  test('a label with two configs uses the latest; the earlier one is named in the notes', () => {
    assert.deepEqual(model.levels[0]!.metrics.macro_auc_roc!.values, [0.7, 0.72, 0.71]);
    assert.ok(model.notes.some((n) => /^'A' also names an earlier config \([0-9a-f]{12}, 2 runs\); the table uses the latest/.test(n)));
  });

  test("a level's seeds keep only those runs and are its planned seeds (a search's best trial replicated apart from the trial)", () => {
    const m = buildReportModel(store, {
      ...experiment,
      levels: [{ label: 'H seed 2', regime: 'by hash', configHashes: [hashOf('H-db')], seeds: [2] }],
      comparisons: [],
      publishedComparisons: [],
    });
    const row = m.levels.find((l) => l.label === 'H seed 2')!;
    assert.deepEqual([row.metrics.macro_auc_roc!.values, row.seedsDone, row.seedsPlanned], [[0.81], 1, 1]);
  });

  test('configHashes take the runs of those configs whatever their label; other datasets are left out', () => {
    assert.deepEqual(model.levels[2]!.metrics.macro_auc_roc!.values, [0.8, 0.81]);
    assert.ok(!model.levels.some((l) => l.label === 'H-db'));
    assert.deepEqual(model.levels[1]!.metrics.macro_auc_roc!.seeds, [1, 2, 3]);
    assert.deepEqual(model.header.datasetFingerprints, ['fp1']);
    assert.ok(
      model.notes.includes('Runs on other datasets are left out, since numbers from two datasets are not one comparison: fp2 (1 run).'),
    );
    assert.ok(model.runs.every((r) => r.datasetFingerprint === 'fp1'));
  });

  test('not computable: an empty arm, or zero variance in both arms', () => {
    assert.equal(
      find('A', 'Empty').notComputable,
      "'Empty' has 0 done runs with test macro_auc_roc; a Welch test needs at least 2 per arm",
    );
    assert.equal(
      find('Z1', 'Z2').notComputable,
      "every seed of 'Z1' and of 'Z2' has the same test macro_auc_roc (zero variance in both arms); the t statistic is undefined",
    );
    assert.ok(model.notes.includes("'Empty' has no done run yet: its row is empty and its comparisons are not computable."));
    // The family holds only the computable ones (A vs B, H vs B).
    assert.match(model.notes[1]!, /over the 2 computable comparisons/);
  });

  test('published comparisons: matched in either order; direction needs both published level means', () => {
    const ab = find('A', 'B');
    assert.deepEqual(ab.published, experiment.publishedComparisons![0]);
    // Published B - A = 0.6 - (none): A has no published mean, so the direction is unknown.
    assert.equal(ab.agreement, null);
    assert.ok(
      model.notes.includes(
        "The published comparison 'B' vs 'A' on macro_auc_roc lacks published level means, so its direction (and agreement) is unknown.",
      ),
    );
    assert.ok(model.notes.includes("The published comparison 'A' vs 'Z1' on macro_auc_roc matches no planned comparison."));
  });

  test('config changes without a base: the paths whose values differ between levels', () => {
    assert.deepEqual(
      model.changes.map((c) => [c.level, c.path, c.base, c.value]),
      [
        ['A', 'lr', null, 2],
        ['B', 'lr', null, 3],
        ['H', 'lr', null, 4],
        ['Z1', 'lr', null, 5],
        ['Z2', 'lr', null, 6],
        ['C', 'lr', null, 7],
      ],
    );
  });

  test('config changes against a base config: leaves that differ, arrays compared whole, missing keys null', () => {
    const m = buildReportModel(store, {
      ...experiment,
      baseConfig: { dataset: { name: 'phantom' }, model: { unfreeze: 1, head: [32] }, extra: true },
    });
    assert.deepEqual(
      m.changes.filter((c) => c.level === 'A'),
      [
        { level: 'A', path: 'extra', base: true, value: null },
        { level: 'A', path: 'lr', base: null, value: 2 },
        { level: 'A', path: 'model.head', base: [32], value: [16] },
      ],
    );
  });

  test('best-vs-next with fewer than two testable levels is noted, not invented', () => {
    const m = buildReportModel(store, {
      ...experiment,
      levels: [{ label: 'A', regime: '' }],
      comparisons: [{ kind: 'best-vs-next' }],
      publishedComparisons: [],
    });
    // The labels found only in the database (B, H-db, Z1, Z2, C) are appended and ranked too.
    assert.deepEqual(
      m.comparisons.map((c) => [c.a, c.b]),
      [['H-db', 'A']],
    );
    const lone = storeWith();
    try {
      lone.run('only', { a: 1 }, 1, 0.5);
      lone.run('only', { a: 1 }, 2, 0.6);
      const single = buildReportModel(lone.store, {
        ...experiment,
        levels: [],
        comparisons: [{ kind: 'best-vs-next' }],
        publishedComparisons: [],
      });
      assert.deepEqual(single.comparisons, []);
      assert.ok(single.notes.includes('Best vs next on macro_auc_roc: fewer than two levels have two done runs to rank.'));
      assert.deepEqual(single.changes, []);
    } finally {
      lone.store.close();
    }
  });
});

describe('buildReportModel argument checks', () => {
  const bad: [string, (e: ReportExperiment) => unknown, string][] = [
    [
      'unknown experiment',
      (e) => ({ ...e, name: 'nope' }),
      `buildReportModel(experiment.name): expected one of the experiments in :memory: [edge], received "nope"`,
    ],
    [
      'no metrics',
      (e) => ({ ...e, metrics: [] }),
      'buildReportModel(experiment.metrics): expected at least one test metric name (the first decides the best row), received an array of length 0',
    ],
    ['empty metric', (e) => ({ ...e, metrics: [''] }), 'buildReportModel(experiment.metrics[0]): expected a metric name, received ""'],
    [
      'metric twice',
      (e) => ({ ...e, metrics: ['brier', 'brier'] }),
      'buildReportModel(experiment.metrics[1]): expected each metric once, received "brier"',
    ],
    [
      'levels not an array',
      (e) => ({ ...e, levels: null }),
      'buildReportModel(experiment.levels): expected an array of levels, received null',
    ],
    [
      'empty label',
      (e) => ({ ...e, levels: [{ label: '', regime: '' }] }),
      'buildReportModel(experiment.levels[0].label): expected a non-empty label, received ""',
    ],
    [
      'label twice',
      (e) => ({ ...e, levels: [e.levels[0], e.levels[0]] }),
      'buildReportModel(experiment.levels[1].label): expected a label used once, received "A"',
    ],
    [
      'empty configHashes',
      (e) => ({ ...e, levels: [{ label: 'A', regime: '', configHashes: [] }] }),
      'buildReportModel(experiment.levels[0].configHashes): expected a non-empty array of config hashes, or no key, received an array of length 0',
    ],
    [
      'level seeds not integers',
      (e) => ({ ...e, levels: [{ label: 'A', regime: '', seeds: [1.5] }] }),
      'buildReportModel(experiment.levels[0].seeds): expected a non-empty array of integer seeds >= 0, or no key, received an array of length 1',
    ],
    [
      'comparisons not an array',
      (e) => ({ ...e, comparisons: {} }),
      'buildReportModel(experiment.comparisons): expected an array of comparisons, received an object with keys []',
    ],
    [
      'unknown level in a pair',
      (e) => ({ ...e, comparisons: [{ kind: 'pair', a: 'A', b: 'Q' }] }),
      'buildReportModel(experiment.comparisons[0].b): expected one of the levels [A, B, H, Empty, Z1, Z2, H-db, C], received "Q"',
    ],
    [
      'a pair of one level',
      (e) => ({ ...e, comparisons: [{ kind: 'pair', a: 'A', b: 'A' }] }),
      'buildReportModel(experiment.comparisons[0].b): expected a level other than a (A), received "A"',
    ],
    [
      'unknown reference',
      (e) => ({ ...e, comparisons: [{ kind: 'vs-reference', reference: 'Q' }] }),
      'buildReportModel(experiment.comparisons[0].reference): expected one of the levels [A, B, H, Empty, Z1, Z2, H-db, C], received "Q"',
    ],
    [
      'unknown kind',
      (e) => ({ ...e, comparisons: [{ kind: 'all-pairs' }] }),
      `buildReportModel(experiment.comparisons[0].kind): expected one of 'pair', 'best-vs-next', 'vs-reference', received "all-pairs"`,
    ],
    ['alpha', (e) => ({ ...e, alpha: 1.5 }), 'buildReportModel(experiment.alpha): expected a number in (0, 1), received 1.5'],
    [
      'correction',
      (e) => ({ ...e, correction: 'bonferroni' }),
      `buildReportModel(experiment.correction): expected 'holm' or 'bh', received "bonferroni"`,
    ],
    ['seeds not an array', (e) => ({ ...e, seeds: 3 }), 'buildReportModel(experiment.seeds): expected an array of seeds, received 3'],
    ['bad seed', (e) => ({ ...e, seeds: [1, 1.5] }), 'buildReportModel(experiment.seeds[1]): expected an integer seed >= 0, received 1.5'],
    [
      'paramsColumn',
      (e) => ({ ...e, paramsColumn: 'all' }),
      `buildReportModel(experiment.paramsColumn): expected 'total', 'trainable' or null, received "all"`,
    ],
  ];
  for (const [what, mutate, message] of bad) {
    test(`refuses ${what}, naming the key`, () => {
      assert.throws(() => buildReportModel(store, mutate(experiment) as ReportExperiment), { name: 'ReportArgumentError', message });
    });
  }

  test('refuses an experiment that is not an object (it has no name to find)', () => {
    assert.throws(() => buildReportModel(store, null as unknown as ReportExperiment), {
      name: 'ReportArgumentError',
      message: 'buildReportModel(experiment.name): expected one of the experiments in :memory: [edge], received undefined',
    });
  });
});
