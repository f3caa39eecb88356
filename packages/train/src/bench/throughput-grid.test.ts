import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { measureInChild } from './throughput-grid.ts';

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
