import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { makeTempDir } from '@cxr/testkit';
import { evaluateRun } from './evaluate-phase.ts';
import { finishRun } from './finish-phase.ts';
import { modelPhase } from './model-phase.ts';
import { runModelDir } from './run-model-dir.ts';
import { claimedSmokeRun, type ClaimedRunFixture } from './testing.ts';

describe('finish phase', () => {
  const tmp = makeTempDir('finish-phase');
  let f: ClaimedRunFixture;
  before(async () => {
    await tf.setBackend('cpu');
    f = await claimedSmokeRun(tmp.dir);
  });
  after(() => {
    f?.close();
    tmp.cleanup();
  });

  test('records metrics, label metrics, predictions with the raw labels and the fit summary in one go; removes the checkpoints', async () => {
    const m = await modelPhase(f.run, f.claim, f.data);
    try {
      const evaluation = await evaluateRun(m.model.model, m.loss, f.run.config, f.data);
      await mkdir(m.checkpoint.dir, { recursive: true });
      await writeFile(join(m.checkpoint.dir, 'epoch-1.json'), '{}');
      const fitted = { history: [], bestEpoch: 2, stoppedEarly: false, resumedEpochs: 0, steps: 8 };
      await finishRun(f.run, f.claim, f.data, fitted, evaluation, m.checkpoint.dir, m.model.model);

      const run = f.run.store.getRun(f.claim.runId);
      assert.equal(run.status, 'done');
      assert.deepEqual(run.metrics['test'], evaluation.metrics.test);
      assert.equal(f.run.store.getLabelMetrics(f.claim.runId).length, evaluation.metrics.labelMetrics.length);
      assert.deepEqual(
        [run.info['bestEpoch'], run.info['epochs'], run.info['stoppedEarly'], run.info['resumedEpochs'], run.info['steps']],
        [2, 0, false, 0, 8],
      );
      assert.ok(run.info['weights'], 'the model phase info is kept');
      const test = f.run.store.getPredictions(f.claim.runId, 'test');
      assert.deepEqual(test.probabilities, evaluation.test.probabilities);
      const k = f.data.labelNames.length;
      f.data.split.test.forEach((i, r) => {
        assert.deepEqual(Array.from(test.labels.subarray(r * k, (r + 1) * k)), Array.from(f.data.dataset.records[i]!.labels));
      });
      assert.equal(f.run.store.getPredictions(f.claim.runId, 'val').rows, 24);
      assert.equal(existsSync(m.checkpoint.dir), false, 'checkpoints removed');
      const kept = runModelDir(f.run.store, f.claim.runId, f.run.weightsRoot);
      assert.ok(
        ['model.json', 'weights.bin', 'meta.json'].every((name) => existsSync(join(kept, name))),
        'the model is kept before the run is done',
      );
    } finally {
      m.model.model.dispose();
    }
  });
});
