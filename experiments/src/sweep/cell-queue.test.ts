import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CellQueue } from './cell-queue.ts';

const cells = [{ index: 0 }, { index: 1 }, { index: 2 }];

describe('CellQueue', () => {
  test('cells go out in order; a busy one goes to the back and waits; then empty', () => {
    const q = new CellQueue(cells, { retryAfterMs: 1000 });
    assert.deepEqual(q.next(0), { kind: 'cell', item: cells[0] });
    q.busy(cells[0]!, 0);
    assert.deepEqual(q.next(10), { kind: 'cell', item: cells[1] });
    assert.deepEqual(q.next(10), { kind: 'cell', item: cells[2] });
    assert.deepEqual(q.next(400), { kind: 'wait', ms: 600 }, 'only the busy cell is left: wait for its retry time');
    assert.equal(q.size, 1);
    assert.deepEqual(q.next(1000), { kind: 'cell', item: cells[0] });
    assert.deepEqual(q.next(1000), { kind: 'empty' });
  });

  test('a cell whose worker died goes to the front at once, until its workers died maxDeaths times', () => {
    const q = new CellQueue(cells, { retryAfterMs: 1000, maxDeaths: 2 });
    const first = q.next(0);
    assert.equal(first.kind, 'cell');
    q.next(0);
    assert.equal(q.died(cells[0]!), true);
    assert.deepEqual(q.next(0), { kind: 'cell', item: cells[0] }, 'before cell 2');
    assert.equal(q.died(cells[0]!), false, 'second death: given up');
    assert.equal(q.deathsOf(cells[0]!), 2);
    assert.deepEqual(q.next(0), { kind: 'cell', item: cells[2] });
    assert.deepEqual(q.next(0), { kind: 'empty' });
  });

  test('bad options are refused with the option and the value', () => {
    assert.throws(() => new CellQueue(cells, { retryAfterMs: 0 }), {
      name: 'SweepError',
      message: /CellQueue: retryAfterMs must be > 0, received 0/,
    });
    assert.throws(() => new CellQueue(cells, { retryAfterMs: 1, maxDeaths: 0.5 }), {
      name: 'SweepError',
      message: /CellQueue: maxDeaths must be an integer >= 1, received 0.5/,
    });
  });
});
