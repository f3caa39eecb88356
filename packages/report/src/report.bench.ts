/**
 * The report for a full study: 8 experiments x 18 runs (6 levels x 3 seeds) x 10 labels with 30
 * epochs each, in a temp results.db; times building every model and rendering every page plus the
 * index (writeReports, html), median of 3. Target (issue 14): under 10 s on one core.
 * Run: npm run bench packages/report
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openResultsStore } from '@cxr/results';
import type { ReportExperiment } from './report-types.ts';
import { writeReports } from './write-reports.ts';

const EXPERIMENTS = 8;
const LEVELS = 6;
const SEEDS = [1, 2, 3];
const LABELS = Array.from({ length: 10 }, (_, j) => `label ${j + 1}`);
const EPOCHS = 30;
const REPS = 3;

console.log(
  `plan: ${EXPERIMENTS} experiments x ${LEVELS * SEEDS.length} runs x ${LABELS.length} labels, ${EPOCHS} epochs per run; writeReports (html) x ${REPS}`,
);
const dir = mkdtempSync(join(tmpdir(), 'cxr-report-bench-'));
const store = openResultsStore({ path: join(dir, 'results.db') });
const experiments: ReportExperiment[] = [];
const t0 = performance.now();
for (let e = 0; e < EXPERIMENTS; e++) {
  const name = `bench-${e + 1}`;
  store.ensureExperiment(name, `benchmark experiment ${e + 1}`);
  const levels = Array.from({ length: LEVELS }, (_, l) => `level ${l + 1}`);
  for (const [l, label] of levels.entries()) {
    const { configId } = store.registerConfig(name, { bench: true, experiment: e, level: l, lr: 1e-3 * (l + 1) }, label);
    for (const seed of SEEDS) {
      const run = store.registerRun({ configId, seed, datasetFingerprint: 'bench-fp' });
      const claim = store.claimRun(run.id, { backend: 'wasm', codeVersion: 'bench', packageVersions: {} })!;
      const auc = 0.7 + 0.01 * l + 0.003 * seed;
      for (let epoch = 1; epoch <= EPOCHS; epoch++) {
        const behind = (EPOCHS - epoch) / EPOCHS;
        store.recordEpoch(claim, {
          epoch,
          trainLoss: 0.6 - 0.2 * (1 - behind),
          valLoss: 0.62 - 0.15 * (1 - behind) + 0.002 * seed,
          metrics: { macro_auc_roc: auc - 0.1 * behind, macro_pr_auc: auc / 4 - 0.02 * behind },
          learningRates: { head: 1e-3 },
          seconds: 60,
        });
      }
      store.finishRun(claim, {
        metrics: [
          { split: 'test', name: 'macro_auc_roc', value: auc },
          { split: 'test', name: 'macro_pr_auc', value: auc / 4 + 0.001 * seed },
          { split: 'val', name: 'macro_auc_roc', value: auc + 0.01 },
        ],
        labelMetrics: LABELS.map((label, j) => ({ split: 'test', label, name: 'auc_roc', value: auc - 0.05 + 0.01 * j })),
        predictions: [],
        info: { params: { total: 4.05e6, trainable: 1e6 * (l + 1) } },
      });
    }
  }
  experiments.push({
    name,
    title: `Benchmark experiment ${e + 1}`,
    thesisTable: `Table ${e + 1}`,
    factor: 'learning rate',
    paramsColumn: 'trainable',
    levels: levels.map((label) => ({ label, regime: 'bench' })),
    metrics: ['macro_auc_roc', 'macro_pr_auc'],
    comparisons: [{ kind: 'best-vs-next' }, { kind: 'vs-reference', reference: 'level 1' }],
    seeds: SEEDS,
  });
}
console.log(`store built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const seconds: number[] = [];
let files = 0;
for (let rep = 0; rep < REPS; rep++) {
  const t = performance.now();
  const written = await writeReports(store, experiments, { out: join(dir, `reports-${rep}`) });
  seconds.push((performance.now() - t) / 1000);
  files = written.files.length;
  console.log(`  ${rep + 1}/${REPS} ${seconds[rep]!.toFixed(2)} s`);
}
const median = [...seconds].sort((a, b) => a - b)[Math.floor(REPS / 2)]!;
console.log(
  `report (${EXPERIMENTS} experiments, ${files} files: build models + render pages)  median ${median.toFixed(2)} s  (${((median / EXPERIMENTS) * 1000).toFixed(0)} ms per experiment; target < 10 s)`,
);
store.close();
rmSync(dir, { recursive: true, force: true });
