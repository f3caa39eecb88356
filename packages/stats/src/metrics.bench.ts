// Evaluation cost at the trainer's scale: N = 100,000 images x K = 14 labels, Float32Array
// matrices as tfjs hands them over. Target (issue 3): macro AUC + AP in under 1 s on the 2-core
// machine (one sort per class per label, nothing quadratic). Prints the median of several runs.
// Run: npx tsx packages/stats/src/metrics.bench.ts [--runs=7] [--rows=100000] [--cols=14]
import { performance } from 'node:perf_hooks';
import { seededIndexSampler } from './internal/seeded-index-sampler.ts';
import { macroAveragePrecision } from './macro-average-precision.ts';
import { macroRocAuc } from './macro-roc-auc.ts';
import { multilabelSummary } from './multilabel-summary.ts';
import { operatingPoints } from './operating-points.ts';
import type { LabelMatrix } from './types.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const runs = arg('runs', 7);
const rows = arg('rows', 100_000);
const cols = arg('cols', 14);

// Prevalences from 1 % to 30 %; scores shifted up for positives and quantised to float32 (ties).
const draw = seededIndexSampler(2024);
const uniform = () => draw(2 ** 30) / 2 ** 30;
const yTrue = new Float32Array(rows * cols);
const yScore = new Float32Array(rows * cols);
for (let n = 0; n < rows; n++) {
  for (let k = 0; k < cols; k++) {
    const prevalence = 0.01 + (0.29 * k) / (cols - 1);
    const y = uniform() < prevalence ? 1 : 0;
    yTrue[n * cols + k] = y;
    yScore[n * cols + k] = Math.min(1, 0.7 * uniform() + 0.3 * y * uniform());
  }
}
const Y: LabelMatrix = { rows, cols, data: yTrue };
const S: LabelMatrix = { rows, cols, data: yScore };
const half = Math.floor(rows / 2);
const part = (m: LabelMatrix, from: number, to: number): LabelMatrix => ({
  rows: to - from,
  cols,
  data: m.data instanceof Float32Array ? m.data.subarray(from * cols, to * cols) : [],
});

function median(fn: () => unknown): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const cases: [string, () => unknown][] = [
  ['macroRocAuc + macroAveragePrecision', () => [macroRocAuc(Y, S), macroAveragePrecision(Y, S)]],
  ['macroRocAuc alone', () => macroRocAuc(Y, S)],
  ['multilabelSummary (macro+micro AUC/AP, Brier, LRAP)', () => multilabelSummary(Y, S)],
  ['multilabelSummary with thresholds (+ Hamming, exact match, P/R/F1, confusion)', () => multilabelSummary(Y, S, { thresholds: 0.5 })],
  [
    'operatingPoints (validation = first half, test = second half)',
    () => operatingPoints(part(Y, 0, half), part(S, 0, half), part(Y, half, rows), part(S, half, rows)),
  ],
];
console.log(`@cxr/stats metrics, N = ${rows.toLocaleString('en')} x K = ${cols}, median of ${runs} runs (node ${process.version})`);
for (const [name, fn] of cases) console.log(`${median(fn).toFixed(1).padStart(9)} ms  ${name}`);
