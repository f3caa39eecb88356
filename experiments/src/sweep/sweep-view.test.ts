import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunConfig } from '@cxr/train';
import { createSweepView, finishedLine } from './sweep-view.ts';
import type { WorkerCell } from './worker-protocol.ts';

const cell: WorkerCell = { index: 0, runId: 7, experiment: 'x', level: '90 %', seed: 2, configHash: 'h', config: {} as RunConfig };

describe('sweep view', () => {
  test('outside a terminal: one plain line per started and finished cell, with the test macro AUC, seconds and the count', () => {
    let text = '';
    const view = createSweepView({ write: (t) => (text += t) }, { total: 4, done: 1, workers: 2 });
    view.started(cell, 1);
    view.progress(cell, 1, { epoch: 1, epochs: 3, step: 2, steps: 4, imagesPerSecond: 30 });
    view.finished(cell, 1, { status: 'done', runId: 7, test: { macro_auc_roc: 0.61234 }, seconds: 12.3, resumedEpochs: 1 });
    view.close();
    assert.equal(
      text,
      '[w1] start 90 % seed 2 (run 7)\n[w1] done 90 % seed 2 (run 7): test macro AUC 0.6123 in 12 s (resumed after epoch 1); 2/4 cells done\n',
    );
  });

  test('on a terminal: one line per worker and a total line with an ETA from the runs measured, redrawn in place; finished lines above it', () => {
    let text = '';
    let t = 0;
    const view = createSweepView({ write: (s) => (text += s), isTTY: true, columns: 200 }, { total: 3, done: 0, workers: 1, now: () => t });
    view.started(cell, 1);
    assert.equal(text, '[w1] 90 % seed 2 (run 7) starting\ncells 0/3 done, elapsed 0.0 s, ETA after the first cell\n');
    t = 10_000;
    view.finished(cell, 1, { status: 'done', runId: 7, test: {}, seconds: 10 });
    t = 11_000;
    view.progress({ ...cell, seed: 3 }, 1, { epoch: 2, epochs: 3, step: 1, steps: 4, imagesPerSecond: 31.25 });
    assert.ok(
      text.includes('\x1b[2A\r\x1b[J[w1] done 90 % seed 2 (run 7): no test macro AUC in 10 s; 1/3 cells done\n'),
      JSON.stringify(text),
    );
    assert.ok(
      text.endsWith('\x1b[2A\r\x1b[J[w1] 90 % seed 3 epoch 2/3 batch 1/4 31.3 img/s\ncells 1/3 done, elapsed 11 s, ETA 20 s\n'),
      JSON.stringify(text),
    );
  });

  test('finishedLine names each outcome', () => {
    assert.equal(
      finishedLine(cell, { status: 'skipped', runId: 7, test: { macro_auc_roc: 0.5 }, seconds: 0 }, 1, 2),
      'done 90 % seed 2 (run 7): already done (test macro AUC 0.5000); 1/2 cells done',
    );
    assert.equal(
      finishedLine(cell, { status: 'busy', runId: 7, holder: null, seconds: 0 }, 0, 2),
      'busy 90 % seed 2 (run 7): held by another process; retried after the others',
    );
    assert.equal(
      finishedLine(cell, { status: 'failed', runId: 7, error: 'TrainConfigError: x', seconds: 0, recorded: true }, 0, 2),
      'FAILED 90 % seed 2 (run 7): TrainConfigError: x',
    );
    assert.equal(
      finishedLine(cell, { status: 'interrupted', runId: 7, epochsDone: 1, seconds: 0 }, 0, 2),
      'stopped 90 % seed 2 (run 7): handed back as pending after 1 epoch',
    );
  });
});
