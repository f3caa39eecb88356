import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunRow } from '@cxr/results';
import type { RunConfig } from '@cxr/train';
import type { RegisteredCell } from './register-cells.ts';
import type { CellOutcome } from './run-cells.ts';
import { formatSummary, summarizeSweep, summaryExitCode } from './sweep-summary.ts';

const row = (id: number, status: RunRow['status'], extra: Partial<RunRow> = {}): RunRow =>
  ({ id, status, attempts: 1, metrics: {}, error: null, ...extra }) as RunRow;
const cell = (index: number, level: string) => ({ index, level, seed: 1, configHash: 'h', config: {} as RunConfig });

test('summarizeSweep: trained, already done, failed now and failed before (with run ids and errors), exit code 1; the lines say how to retry', () => {
  const registered: RegisteredCell[] = [
    { cell: cell(0, 'a'), run: row(1, 'pending') },
    { cell: cell(1, 'b'), run: row(2, 'done') },
    { cell: cell(2, 'c'), run: row(3, 'pending') },
    { cell: cell(3, 'd'), run: row(4, 'failed', { error: 'Error: old\n at x' }) },
  ];
  const outcomes: CellOutcome[] = [
    {
      cell: { ...cell(0, 'a'), runId: 1, experiment: 'x' },
      result: { status: 'done', runId: 1, test: { macro_auc_roc: 0.7 }, seconds: 3 },
    },
    {
      cell: { ...cell(2, 'c'), runId: 3, experiment: 'x' },
      result: { status: 'failed', runId: 3, error: 'TrainConfigError: no weights', seconds: 0, recorded: true },
    },
  ];
  const runs = new Map([
    [1, row(1, 'done', { metrics: { test: { macro_auc_roc: 0.7 } } })],
    [2, row(2, 'done')],
    [3, row(3, 'failed', { error: 'TrainConfigError: no weights\n at y' })],
    [4, row(4, 'failed', { error: 'Error: old\n at x' })],
  ]);
  const s = summarizeSweep({
    experiment: 'x',
    profile: 'smoke',
    seeds: [1],
    db: '/d',
    backend: 'wasm',
    workers: 2,
    registered,
    outcomes,
    runs,
    interrupted: false,
    seconds: 5,
    report: '/r/x.html',
  });
  assert.deepEqual(s.counts, { cells: 4, done: 2, trained: 1, alreadyDone: 1, failed: 2, pending: 0 });
  assert.deepEqual(
    s.cells.map((c) => c.outcome),
    ['trained', 'already done', 'failed', 'failed before'],
  );
  assert.deepEqual(s.failures, [
    { runId: 3, level: 'c', seed: 1, error: 'TrainConfigError: no weights' },
    { runId: 4, level: 'd', seed: 1, error: 'Error: old' },
  ]);
  assert.equal(summaryExitCode(s), 1);
  assert.deepEqual(formatSummary(s, 'npx cxr sweep x'), [
    'x (profile smoke): 2/4 cells done (1 trained now, 1 already done), 2 failed in 5 s',
    '  a seed 1 (run 1): test macro AUC 0.7000',
    'failed cells (2):',
    '  run 3 c seed 1: TrainConfigError: no weights',
    '  run 4 d seed 1: Error: old',
    'run them again with: npx cxr sweep x --retry-failed (cxr db show RUN has each error in full)',
    'report: /r/x.html',
  ]);
  assert.equal(summaryExitCode({ ...s, counts: { ...s.counts, done: 4, failed: 0 } }), 0);
});
