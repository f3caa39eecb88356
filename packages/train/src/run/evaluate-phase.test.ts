import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { makeTempDir } from '@cxr/testkit';
import { evaluateRun, runEvalBatches } from './evaluate-phase.ts';
import { modelPhase } from './model-phase.ts';
import { claimedSmokeRun, type ClaimedRunFixture } from './testing.ts';

describe('evaluate phase', () => {
  const tmp = makeTempDir('evaluate-phase');
  let f: ClaimedRunFixture;
  before(async () => {
    await tf.setBackend('cpu');
    f = await claimedSmokeRun(tmp.dir);
  });
  after(() => {
    f?.close();
    tmp.cleanup();
  });

  test('evaluation batches follow the config: eval batch size, channels, the records in order', () => {
    const shapes: number[][] = [];
    for (const b of runEvalBatches(f.run.config, f.data, f.data.split.test)) {
      shapes.push(b.xs.shape);
      tf.dispose([b.xs, b.ys]);
    }
    assert.deepEqual(shapes, [[29, 32, 32, 1]], 'smoke: 29 test records, eval batch 64, 32 px, 1 channel');
  });

  test('validation and test probabilities of every record, metrics from them, no tensors left behind', async () => {
    const m = await modelPhase(f.run, f.claim, f.data);
    try {
      const before = tf.memory().numTensors;
      const { val, test, metrics } = await evaluateRun(m.model.model, m.loss, f.run.config, f.data);
      assert.equal(tf.memory().numTensors, before);
      assert.deepEqual([val.rows, test.rows, test.cols], [24, 29, f.data.labelNames.length]);
      assert.equal(test.probabilities.length, 29 * test.cols);
      assert.ok(test.probabilities.every((p) => p > 0 && p < 1));
      assert.ok(metrics.test['macro_auc_roc']! >= 0 && metrics.test['macro_auc_roc']! <= 1);
      assert.equal(metrics.test['loss'], test.loss);
      assert.ok(metrics.metrics.some((r) => r.split === 'val' && r.name === 'macro_auc_roc'));
      assert.ok(metrics.labelMetrics.every((r) => r.split === 'test' && f.data.labelNames.includes(r.label)));
    } finally {
      m.model.model.dispose();
    }
  });
});
