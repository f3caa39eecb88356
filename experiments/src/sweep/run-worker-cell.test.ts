import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openTempResultsStore } from '@cxr/results/testing';
import { resolveExperiment } from '../experiments/resolve-experiment.ts';
import { errorLine, runWorkerCell } from './run-worker-cell.ts';
import { testFailingLevel } from './testing/fixture-experiments.ts';
import { registerSweepCells } from './register-cells.ts';
import { workerCell } from './run-sweep.ts';

const { store, dir, cleanup } = openTempResultsStore();
after(cleanup);
const resolved = resolveExperiment(testFailingLevel, { profile: 'smoke', seeds: [1] });
const registered = registerSweepCells(store, resolved, new Map(resolved.cells.map((c) => [c.index, 'fp'])));
const ctx = { store, backend: 'cpu', weightsRoot: `${dir}/weights`, dataRoot: `${dir}/data` };
const port = { progress: () => {}, message: () => {} };

test('a cell that fails before its claim (missing weights folder) is recorded failed here, with its error', async () => {
  const cell = workerCell('test-failing-level', registered[1]!);
  const result = await runWorkerCell(ctx, cell, new AbortController().signal, port);
  assert.equal(result.status, 'failed');
  assert.ok(result.status === 'failed' && result.recorded);
  assert.match(result.status === 'failed' ? result.error : '', /^TrainConfigError: .*model\.init\.weights.*\/nonexistent does not exist/);
  const run = store.getRun(cell.runId);
  assert.deepEqual([run.status, run.attempts, run.backend], ['failed', 1, 'cpu']);
  assert.match(run.error ?? '', /\/nonexistent does not exist/);
});

test('a cell whose config does not hash to its config hash is refused (parent and worker disagree), nothing recorded', async () => {
  const cell = { ...workerCell('test-failing-level', registered[0]!), configHash: 'not-the-hash' };
  await assert.rejects(runWorkerCell(ctx, cell, new AbortController().signal, port), {
    name: 'SweepError',
    message: /runWorkerCell: cell 0 \(lr 1e-3, seed 1\) has config hash [0-9a-f]{64}, expected not-the-hash/,
  });
  assert.equal(store.getRun(cell.runId).status, 'pending');
  assert.equal(errorLine('plain'), 'plain');
});
