import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { openTempResultsStore } from './testing.ts';
import type { FinishInput, RunClaim } from './types.ts';

const { store, cleanup } = openTempResultsStore();
after(cleanup);
let n = 0;
function claimed(): RunClaim {
  const { configId } = store.registerConfig('writes', { n: n++ }, `c${n}`);
  return store.claimRun(store.registerRun({ configId, seed: 0, datasetFingerprint: 'fp' }).id)!;
}
const LABELS = ['cardiomegaly', 'scoliosis'];
function result(): FinishInput {
  return {
    metrics: [
      { split: 'test', name: 'macro_auc_roc', value: 0.75 },
      { split: 'val', name: 'macro_auc_roc', value: 0.8 },
    ],
    labelMetrics: [
      { split: 'test', label: 'cardiomegaly', name: 'auc_roc', value: 0.9 },
      { split: 'test', label: 'scoliosis', name: 'auc_roc', value: 0.6 },
    ],
    predictions: [
      {
        split: 'test',
        labelNames: LABELS,
        rows: 3,
        cols: 2,
        probabilities: new Float32Array([0.1, 0.9, 0.2, 0.3, 0.7, 0.4]),
        labels: new Float32Array([0, 1, 0, 0, 1, -1]),
      },
    ],
    info: { checkpoint: 'weights/runs/1.ckpt' },
  };
}
function rowCounts(runId: number): number[] {
  return ['metrics', 'label_metrics', 'predictions'].map(
    (t) => store.db.prepare(`SELECT count(*) FROM ${t} WHERE run_id = ?`).pluck().get(runId) as number,
  );
}

describe('writes under a claim', () => {
  test('round trip: epochs, info, final metrics, label metrics and predictions read back as written', () => {
    const claim = claimed();
    store.updateRunInfo(claim, { weights: 'random-seeded', checkpoint: null });
    store.recordEpoch(claim, {
      epoch: 0,
      trainLoss: 0.7,
      valLoss: 0.65,
      metrics: { macro_auc_roc: 0.6 },
      learningRates: { head: 1e-3, backbone: 1e-4 },
      seconds: 3.5,
    });
    store.recordEpoch(claim, { epoch: 1, trainLoss: 0.6, metrics: {}, learningRates: { head: 1e-3 }, seconds: 3 });
    store.recordEpoch(claim, { epoch: 1, trainLoss: 0.55, metrics: { macro_auc_roc: 0.66 }, learningRates: { head: 5e-4 }, seconds: 3.1 });
    store.finishRun(claim, result());

    const run = store.getRun(claim.runId);
    assert.equal(run.status, 'done');
    assert.ok(run.endedAt! >= run.startedAt!);
    assert.deepEqual(run.info, { checkpoint: 'weights/runs/1.ckpt', weights: 'random-seeded' });
    assert.deepEqual(run.metrics, { test: { macro_auc_roc: 0.75 }, val: { macro_auc_roc: 0.8 } });
    const epochs = store.getEpochs(claim.runId);
    assert.deepEqual(
      epochs.map(({ recordedAt: _r, ...e }) => e),
      [
        {
          runId: claim.runId,
          epoch: 0,
          trainLoss: 0.7,
          valLoss: 0.65,
          metrics: { macro_auc_roc: 0.6 },
          learningRates: { backbone: 1e-4, head: 1e-3 },
          seconds: 3.5,
        },
        { runId: claim.runId, epoch: 1, trainLoss: 0.55, metrics: { macro_auc_roc: 0.66 }, learningRates: { head: 5e-4 }, seconds: 3.1 },
      ],
    );
    assert.deepEqual(store.getMetrics(claim.runId), result().metrics);
    assert.deepEqual(store.getLabelMetrics(claim.runId), result().labelMetrics);
    const p = store.getPredictions(claim.runId, 'test');
    assert.deepEqual([p.split, p.rows, p.cols, p.labelNames], ['test', 3, 2, LABELS]);
    expectClose(p.probabilities, [0.1, 0.9, 0.2, 0.3, 0.7, 0.4], 1e-7, 'probabilities'); // float32 rounding
    assert.deepEqual([...p.labels], [0, 1, 0, 0, 1, -1]);
    assert.ok(p.probabilities instanceof Float32Array);
    // Writes after done are refused.
    assert.throws(
      () => store.recordEpoch(claim, { epoch: 2, trainLoss: 1, metrics: {}, learningRates: {}, seconds: 1 }),
      /recordEpoch\(claim\): .*but the run is done/,
    );
  });

  test('a finish that throws halfway (NaN in the last label metric) leaves nothing: no rows, still running, same claim', () => {
    const claim = claimed();
    const bad = result();
    bad.labelMetrics[1]!.value = Number.NaN;
    assert.throws(() => store.finishRun(claim, bad), {
      name: 'ResultsArgumentError',
      message: 'finishRun(result.labelMetrics[1].value): expected a finite number, received NaN',
    });
    assert.deepEqual(rowCounts(claim.runId), [0, 0, 0]);
    const run = store.getRun(claim.runId);
    assert.equal(run.status, 'running');
    assert.deepEqual(run.info, {});
    store.heartbeat(claim);
    store.finishRun(claim, result());
    assert.deepEqual(rowCounts(claim.runId), [2, 2, 1]);
  });

  test('a finish with a bad prediction blob (after all metrics were inserted) also leaves nothing', () => {
    const claim = claimed();
    const bad = result();
    bad.predictions[0]!.probabilities = new Float32Array(5);
    assert.throws(() => store.finishRun(claim, bad), {
      message:
        'finishRun(result.predictions[0].probabilities): expected a Float32Array of length 6 (rows * cols), received a Float32Array of length 5',
    });
    assert.deepEqual(rowCounts(claim.runId), [0, 0, 0]);
    assert.equal(store.getRun(claim.runId).status, 'running');
  });

  test('finishRun refuses each kind of bad input with a message naming the entry', () => {
    const claim = claimed();
    const cases: [(r: FinishInput) => void, RegExp][] = [
      [(r) => (r.metrics[0]!.value = Infinity), /^finishRun\(result\.metrics\[0\]\.value\): expected a finite number, received Infinity$/],
      [
        (r) => r.metrics.push({ split: 'test', name: 'macro_auc_roc', value: 0.1 }),
        /^finishRun\(result\.metrics\[2\]\): expected each key once per run, received "test\/macro_auc_roc"$/,
      ],
      [(r) => (r.metrics[0]!.split = ''), /^finishRun\(result\.metrics\[0\]\.split\): expected a non-empty string/],
      [
        (r) => (r.labelMetrics[0]!.label = ' cardiomegaly'),
        /^finishRun\(result\.labelMetrics\[0\]\.label\): expected a non-empty string without surrounding spaces/,
      ],
      [
        (r) => r.labelMetrics.push({ ...r.labelMetrics[0]! }),
        /^finishRun\(result\.labelMetrics\[2\]\): expected each key once per run, received "test\/cardiomegaly\/auc_roc"$/,
      ],
      [
        (r) => r.predictions.push({ ...r.predictions[0]! }),
        /^finishRun\(result\.predictions\[1\]\): expected each key once per run, received "test"$/,
      ],
      [
        (r) => (r.predictions[0]!.labelNames = ['a']),
        /^finishRun\(result\.predictions\[0\]\.labelNames\): expected an array of 2 label names \(cols\), received an array of length 1$/,
      ],
      [
        (r) => (r.predictions[0]!.probabilities[4] = 1.5),
        /^finishRun\(result\.predictions\[0\]\.probabilities\[4\]\): expected a probability in \[0, 1\], received 1\.5$/,
      ],
      [
        (r) => (r.predictions[0]!.probabilities[0] = Number.NaN),
        /^finishRun\(result\.predictions\[0\]\.probabilities\[0\]\): expected a probability in \[0, 1\], received NaN$/,
      ],
      [
        (r) => (r.predictions[0]!.labels[2] = Number.NaN),
        /^finishRun\(result\.predictions\[0\]\.labels\[2\]\): expected a finite number, received NaN$/,
      ],
      [
        (r) => (r.predictions[0]!.labels = [0, 1, 0, 0, 1, 1] as unknown as Float32Array),
        /^finishRun\(result\.predictions\[0\]\.labels\): expected a Float32Array of length 6/,
      ],
      [(r) => (r.predictions[0]!.rows = -1), /^finishRun\(result\.predictions\[0\]\.rows\): expected an integer >= 0, received -1$/],
      [(r) => (r.info = { lr: Number.NaN }), /^canonicalJson\(value\.lr\): expected a finite number, received NaN$/],
      [
        (r) => (r.metrics = undefined as unknown as FinishInput['metrics']),
        /^finishRun\(result\.metrics\): expected an array, received undefined$/,
      ],
    ];
    for (const [spoil, message] of cases) {
      const r = result();
      spoil(r);
      assert.throws(() => store.finishRun(claim, r), { message });
      assert.deepEqual(rowCounts(claim.runId), [0, 0, 0]);
    }
    assert.equal(store.getRun(claim.runId).status, 'running');
  });

  test('recordEpoch and updateRunInfo refuse non-finite numbers and non-JSON info', () => {
    const claim = claimed();
    const ok = { epoch: 0, trainLoss: 0.5, metrics: {}, learningRates: {}, seconds: 1 };
    assert.throws(() => store.recordEpoch(claim, { ...ok, trainLoss: Number.NaN }), {
      name: 'ResultsArgumentError',
      message: 'recordEpoch(row.trainLoss): expected a finite number, received NaN',
    });
    assert.throws(
      () => store.recordEpoch(claim, { ...ok, valLoss: Infinity }),
      /recordEpoch\(row\.valLoss\): expected a finite number, received Infinity/,
    );
    assert.throws(
      () => store.recordEpoch(claim, { ...ok, metrics: { macro_auc_roc: Number.NaN } }),
      /recordEpoch\(row\.metrics\.macro_auc_roc\): expected a finite number, received NaN/,
    );
    assert.throws(
      () => store.recordEpoch(claim, { ...ok, learningRates: { head: -Infinity } }),
      /recordEpoch\(row\.learningRates\.head\): expected a finite number, received -Infinity/,
    );
    assert.throws(() => store.recordEpoch(claim, { ...ok, epoch: -1 }), /recordEpoch\(row\.epoch\): expected an integer >= 0, received -1/);
    assert.throws(
      () => store.recordEpoch(claim, { ...ok, seconds: -2 }),
      /recordEpoch\(row\.seconds\): expected a duration >= 0, received -2/,
    );
    assert.throws(
      () => store.updateRunInfo(claim, [] as unknown as Record<string, unknown>),
      /updateRunInfo\(info\): expected a plain object, received an array of length 0/,
    );
    assert.throws(
      () => store.updateRunInfo(claim, { when: new Date(0) }),
      /canonicalJson\(value\.when\): expected a plain object, array or primitive/,
    );
    assert.deepEqual(store.getEpochs(claim.runId), []);
  });
});
