import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveExperiment } from './resolve-experiment.ts';

describe('resolveExperiment', () => {
  it('expands table2-unfreeze under the smoke profile into 6 levels x 3 seeds in table order', () => {
    const r = resolveExperiment('table2-unfreeze', { profile: 'smoke' });
    assert.equal(r.cells.length, 18);
    assert.deepEqual(
      r.cells.slice(0, 4).map((c) => [c.index, c.level, c.seed]),
      [
        [0, '0 %', 1],
        [1, '0 %', 2],
        [2, '0 %', 3],
        [3, '25 %', 1],
      ],
    );
    assert.equal(r.cells[0]!.config.image.size, 32);
    assert.equal(r.cells[0]!.config.model.unfreeze, 0);
    assert.equal(r.cells[17]!.config.model.unfreeze, 1);
    assert.equal(new Set(r.cells.map((c) => c.configHash)).size, 6);
    assert.equal(r.report.profile, 'smoke');
  });
});
