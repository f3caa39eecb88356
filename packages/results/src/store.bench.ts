/**
 * Results-store costs that matter to a sweep: claiming and registering runs, one epoch row, and a
 * finish carrying a PadChest-sized test set (about 23k images x 10 labels of predictions), plus the
 * report read. Prints medians of several repetitions. Run: npm run bench packages/results
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openResultsStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'cxr-results-bench-'));
const store = openResultsStore({ path: join(dir, 'results.db') });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(reps: number, fn: (i: number) => void): number {
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn(i);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const ROWS = 23_000;
const COLS = 10;
const labels = Array.from({ length: COLS }, (_, j) => `label${j}`);
const probs = new Float32Array(ROWS * COLS).map((_, i) => (i % 97) / 97);
const truth = new Float32Array(ROWS * COLS).map((_, i) => i % 2);
let seed = 0;
const { configId } = store.registerConfig('bench', { bench: true }, 'bench');
const register = time(200, () => store.registerRun({ configId, seed: seed++, datasetFingerprint: 'fp' }));
const ids = store.listRuns({ experiment: 'bench' }).map((r) => r.id);
const claims = ids.map((id) => store.claimRun(id)!);
const claim = time(200, (i) => store.claimRun(ids[i]!)); // already held: the null path costs the same UPDATE
const epoch = time(50, (i) =>
  store.recordEpoch(claims[i]!, {
    epoch: 0,
    trainLoss: 0.5,
    valLoss: 0.5,
    metrics: { macro_auc_roc: 0.7 },
    learningRates: { head: 1e-3 },
    seconds: 1,
  }),
);
const finish = time(9, (i) =>
  store.finishRun(claims[i]!, {
    metrics: [{ split: 'test', name: 'macro_auc_roc', value: 0.7 }],
    labelMetrics: labels.map((label) => ({ split: 'test', label, name: 'auc_roc', value: 0.7 })),
    predictions: [{ split: 'test', labelNames: labels, rows: ROWS, cols: COLS, probabilities: probs, labels: truth }],
  }),
);
const read = time(9, (i) => store.getPredictions(ids[i]!, 'test'));
const summary = time(9, () => store.metricsByConfig('bench'));
console.log(`registerRun                    ${register.toFixed(3)} ms`);
console.log(`claimRun                       ${claim.toFixed(3)} ms`);
console.log(`recordEpoch                    ${epoch.toFixed(3)} ms`);
console.log(`finishRun (${ROWS}x${COLS} preds)     ${finish.toFixed(1)} ms`);
console.log(`getPredictions (${ROWS}x${COLS})      ${read.toFixed(1)} ms`);
console.log(`metricsByConfig (9 done runs)  ${summary.toFixed(3)} ms`);
store.close();
rmSync(dir, { recursive: true, force: true });
