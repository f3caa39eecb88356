import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CELL_START_SECONDS, estimateCellSeconds } from './measure-throughput.ts';
import { formatCellLine, formatGridPlan, measureInChild, planThroughputGrid, type GridPlan } from './throughput-grid.ts';

describe('grid plan and progress lines', () => {
  const cell = { backbone: 'cnn5', size: 64, batch: 32, backend: 'wasm', mode: 'train' } as const;

  test('estimateCellSeconds: start + (warm-up + timed steps) at the assumed rate, capped at the budget; a skipped cell costs the start', () => {
    assert.equal(CELL_START_SECONDS, 4);
    assert.equal(estimateCellSeconds(cell, 4e9), 4 + 7 * 0.4); // wasm 10 GFLOP/s, 2 warm-up + 5 timed steps
    assert.equal(estimateCellSeconds({ ...cell, budgetSeconds: 10 }, 10e9), 4 + 7); // 7 s of steps under a 10 s budget
    assert.equal(estimateCellSeconds({ ...cell, budgetSeconds: 10 }, 40e9), 4 + 10); // 28 s of steps, capped at 10 s
    assert.equal(estimateCellSeconds({ ...cell, budgetSeconds: 10, backend: 'cpu' }, 4e9), 4); // 8 s per step x 2 > 10 s: skipped
  });

  test('planThroughputGrid lists the cells in order with estimates; formatGridPlan and formatCellLine render them', async () => {
    const plan = await planThroughputGrid({
      backbones: ['cnn5', 'no-such-net'],
      sizes: [32],
      batch: 2,
      backends: ['wasm'],
      modes: ['train', 'forward'],
      budgetSeconds: 20,
    });
    assert.deepEqual(
      plan.cells.map((c) => `${c.options.backbone} ${c.options.mode}`),
      ['cnn5 train', 'cnn5 forward', 'no-such-net train', 'no-such-net forward'],
    );
    assert.ok(plan.cells[0]!.estimatedSeconds > CELL_START_SECONDS && plan.cells[0]!.estimatedSeconds < CELL_START_SECONDS + 1);
    assert.equal(plan.cells[2]!.estimatedSeconds, CELL_START_SECONDS, 'a backbone that does not build: the start only');
    assert.equal(plan.limitSeconds, 4 * (3 * 20 + 30));

    const fixed: GridPlan = {
      cells: [
        { options: { ...cell, budgetSeconds: 90 }, estimatedSeconds: 6.8 },
        { options: { ...cell, mode: 'forward', budgetSeconds: 90 }, estimatedSeconds: 5 },
      ],
      estimatedSeconds: 11.8,
      limitSeconds: 600,
    };
    assert.deepEqual(formatGridPlan(fixed, '224 px cells only with --sizes=64,224'), [
      'bench plan: 2 cells (backends wasm; sizes 64 px; 1 backbones; modes train, forward), estimated ~12 s (FLOP-based guess; cells capped near their 90 s budget; at most 10 min); 224 px cells only with --sizes=64,224',
      '  1/2 wasm cnn5 64px train ~7 s',
      '  2/2 wasm cnn5 64px forward ~5 s',
    ]);
    const measured = { ...cell, imagesPerSecond: 410.24, steps: 5 };
    assert.equal(
      formatCellLine(measured, { index: 1, total: 2, cellSeconds: 13.6, elapsedSeconds: 13.6, remainingSeconds: 10 }),
      'cell 1/2 wasm cnn5 64px train: 410.2 img/s in 14 s; 14 s elapsed, ~10 s left',
    );
    assert.equal(
      formatCellLine(
        { ...measured, mode: 'forward', imagesPerSecond: null, note: 'skipped: ~200 s/step estimated, budget 90 s' },
        { index: 2, total: 2, cellSeconds: 4, elapsedSeconds: 17.6, remainingSeconds: 0 },
      ),
      'cell 2/2 wasm cnn5 64px forward: - (skipped: ~200 s/step estimated, budget 90 s) in 4 s; 18 s elapsed, done',
    );
  });
});

describe('measureInChild', () => {
  test('a cell still running at its time limit is stopped and noted, not waited for', () => {
    const started = performance.now();
    // 0.5 s cannot even load tfjs in the child
    const cell = measureInChild({ backbone: 'cnn5', size: 32, batch: 2, backend: 'wasm', mode: 'train' }, 0.5);
    assert.ok(performance.now() - started < 10_000, 'returned soon after the limit');
    assert.deepEqual(cell, {
      backbone: 'cnn5',
      size: 32,
      batch: 2,
      backend: 'wasm',
      mode: 'train',
      imagesPerSecond: null,
      steps: 0,
      note: 'timed out: no timed step within 0.5 s',
    });
  });

  test('a cell that fails says why', () => {
    const cell = measureInChild({ backbone: 'no-such-net', size: 32, batch: 2, backend: 'wasm', mode: 'train' });
    assert.equal(cell.imagesPerSecond, null);
    assert.match(cell.note ?? '', /^failed: .*no-such-net/);
  });
});
