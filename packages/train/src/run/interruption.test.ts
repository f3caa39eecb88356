import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { openResultsStore, type RunHolder } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { selectBackend } from '../backend/index.ts';
import { presetConfig } from '../config/presets.ts';
import { silentProgress } from './progress.ts';
import { TrainInterruptedError } from '../errors.ts';
import { handBackOrFail, takeOverMessage, throwIfInterrupted } from './interruption.ts';
import { runExperiment } from './run-experiment.ts';

describe('interrupting a run (AbortSignal)', () => {
  const tmp = makeTempDir('interrupt');
  const roots = { dataRoot: join(tmp.dir, 'data'), weightsRoot: join(tmp.dir, 'weights') };
  let backend = '';
  before(async () => {
    backend = (await selectBackend('wasm')).backend;
  });
  after(tmp.cleanup);

  test('aborted after epoch 1: the run goes back to pending with its epoch row and checkpoint; the next call resumes', async () => {
    const store = openResultsStore({ path: join(tmp.dir, 'r.db') });
    try {
      const controller = new AbortController();
      const progress = { ...silentProgress, epochEnd: (epoch: number) => epoch === 1 && controller.abort('SIGINT') };
      const tensors = tf.memory().numTensors;
      const config = presetConfig('smoke');
      const error = await runExperiment({ config, seed: 5, store, backend, ...roots, progress, signal: controller.signal }).then(
        () => assert.fail('expected an interruption'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof TrainInterruptedError);
      assert.deepEqual([error.reason, error.epochsDone, error.runId], ['SIGINT', 1, 1]);
      assert.equal(error.message, 'training interrupted (SIGINT) after 1 finished epoch; run 1 handed back as pending');
      assert.equal(tf.memory().numTensors, tensors, 'no tensors left behind by an interrupted run');
      const run = store.getRun(1);
      assert.deepEqual([run.status, run.error, store.getEpochs(1).length], ['pending', null, 1]);
      const resumed = await runExperiment({ config, seed: 5, store, backend, ...roots });
      assert.deepEqual([resumed.status, resumed.resumedEpochs, store.getRun(1).attempts], ['done', 1, 2]);
    } finally {
      store.close();
    }
  });

  test('handBackOrFail: an ordinary error fails the run; any error once aborted hands it back', () => {
    const store = openResultsStore({ path: join(tmp.dir, 'h.db') });
    try {
      const { configId } = store.registerConfig('x', { a: 1 }, 'a');
      const ids = [0, 1].map((seed) => store.registerRun({ configId, seed, datasetFingerprint: 'fp' }).id);
      const boom = new Error('disk full');
      assert.equal(handBackOrFail(store, store.claimRun(ids[0]!)!, boom, undefined), boom);
      assert.equal(store.getRun(ids[0]!).status, 'failed');
      const signal = AbortSignal.abort(new Error('not a string'));
      const out = handBackOrFail(store, store.claimRun(ids[1]!)!, boom, signal);
      assert.ok(out instanceof TrainInterruptedError);
      assert.deepEqual([out.reason, out.epochsDone, out.runId], ['aborted', 0, ids[1]]);
      assert.equal(store.getRun(ids[1]!).status, 'pending');
    } finally {
      store.close();
    }
  });

  test('throwIfInterrupted throws only once aborted', () => {
    throwIfInterrupted(undefined, 0);
    const c = new AbortController();
    throwIfInterrupted(c.signal, 0);
    c.abort('SIGTERM');
    assert.throws(() => throwIfInterrupted(c.signal, 3), {
      name: 'TrainInterruptedError',
      message: 'training interrupted (SIGTERM) after 3 finished epochs',
    });
  });

  test('takeOverMessage: plain for a gone or stale holder, a warning for one that may be alive', () => {
    const h: RunHolder = {
      runId: 1,
      host: 'h',
      pid: 42,
      pidStart: null,
      attempt: 1,
      heartbeatAt: 0,
      heartbeatAgeMs: 3000,
      staleInMs: 597_000,
      process: 'gone',
    };
    assert.equal(takeOverMessage(1, h), 'run 1: taking over from pid 42 on host h (heartbeat 3 s ago; its process is gone)');
    assert.equal(
      takeOverMessage(1, { ...h, process: 'unknown', heartbeatAgeMs: 700_000, staleInMs: 0 }),
      'run 1: taking over from pid 42 on host h (heartbeat 11 min 40 s ago; stale now)',
    );
    assert.equal(
      takeOverMessage(1, { ...h, process: 'running' }),
      'warning: run 1 taken over from pid 42 on host h (heartbeat 3 s ago; stale in 9 min 57 s), which may still be running; its further writes to the run will be refused',
    );
  });
});
