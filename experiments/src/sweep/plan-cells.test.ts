import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openTempResultsStore } from '@cxr/results/testing';
import { resolveExperiment } from '../experiments/resolve-experiment.ts';
import { formatPlan, planCounts, planEstimate } from './format-plan.ts';
import { planCells } from './plan-cells.ts';
import { registerSweepCells } from './register-cells.ts';
import { testTwoLevels } from './testing/fixture-experiments.ts';

describe('planCells, registerSweepCells and formatPlan', () => {
  const { store, cleanup } = openTempResultsStore();
  after(cleanup);
  const resolved = resolveExperiment(testTwoLevels, { profile: 'smoke' });
  const fingerprints = new Map(resolved.cells.map((c) => [c.index, 'fp']));

  test('without a database, or without a fingerprint, every cell is not registered with an unknown estimate', () => {
    const plan = planCells(resolved.cells, undefined, fingerprints);
    assert.deepEqual(
      plan.map((c) => [c.level, c.seed, c.status, c.runId, c.estimateSeconds]),
      [
        ['lr 1e-3', 1, 'not registered', null, null],
        ['lr 1e-3', 2, 'not registered', null, null],
        ['lr 3e-3', 1, 'not registered', null, null],
        ['lr 3e-3', 2, 'not registered', null, null],
      ],
    );
    assert.match(formatPlan('test-two-levels', 'smoke', plan, 2)[0]!, /4 cells - 4 not registered; estimated time unknown \(4 of 4 cells/);
  });

  test('a cell without a dataset fingerprint cannot be registered', () => {
    assert.throws(() => registerSweepCells(store, resolved, new Map()), {
      name: 'SweepError',
      message: /registerSweepCells: cell 0 \(lr 1e-3, seed 1\) has no dataset fingerprint/,
    });
  });

  test('registered cells are pending under their level label and config hash; done ones give their level an estimate; failed ones show their error', () => {
    const registered = registerSweepCells(store, resolved, fingerprints);
    assert.deepEqual(
      registered.map((r) => [r.run.label, r.run.seed, r.run.status, r.run.configHash]),
      resolved.cells.map((c) => [c.level, c.seed, 'pending', c.configHash]),
    );
    assert.deepEqual(
      registerSweepCells(store, resolved, fingerprints).map((r) => r.run.id),
      registered.map((r) => r.run.id),
      'idempotent',
    );
    const claim = store.claimRun(registered[0]!.run.id)!;
    store.finishRun(claim, { metrics: [{ split: 'test', name: 'macro_auc_roc', value: 0.6 }], labelMetrics: [], predictions: [] });
    // it took 8 s (test-only write: the store has no clock to age a run)
    store.db.prepare('UPDATE runs SET started_at = ended_at - 8000 WHERE id = ?').run(claim.runId);
    const bad = store.claimRun(registered[2]!.run.id)!;
    store.failRun(bad, new Error('no weights\n  at somewhere'));
    const plan = planCells(resolved.cells, store, fingerprints);
    assert.deepEqual(
      plan.map((c) => [c.status, c.estimateSeconds]),
      [
        ['done', 0],
        ['pending', 8],
        ['failed', null],
        ['pending', null],
      ],
    );
    assert.equal(plan[0]!.seconds, 8);
    assert.equal(plan[2]!.error, 'Error: no weights');
    assert.deepEqual(planCounts(plan), { done: 1, running: 0, pending: 2, failed: 1, 'not registered': 0 });
    assert.deepEqual(planEstimate(plan.slice(0, 2), 2), { seconds: 4, unknown: 0 });
    const lines = formatPlan('test-two-levels', 'smoke', plan, 1);
    assert.match(lines[0]!, /4 cells - 1 done, 2 pending, 1 failed; estimated time unknown \(1 of 2 cells/);
    assert.match(lines[2]!, /^ {2}0 {2}lr 1e-3 {2}1 +done +\d+ +1 +took 8 s$/);
    assert.match(lines[4]!, /lr 3e-3 {2}1 {5}failed .*Error: no weights$/);
  });
});
