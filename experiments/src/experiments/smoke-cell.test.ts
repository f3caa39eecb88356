import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExperiment } from '@cxr/train';
import { smokeCell } from './testing/smoke-cell.ts';

describe('a resolved smoke cell', () => {
  it('trains in seconds and is registered by runExperiment under the config hash resolveExperiment gave it', async () => {
    const { cell, store, request } = await smokeCell('table2-unfreeze');
    const out = await runExperiment(request);
    assert.equal(out.status, 'done');
    assert.equal(out.configHash, cell.configHash);
    const run = store.getRun(out.runId)!;
    assert.deepEqual([run.configHash, run.experiment, run.label, run.seed], [cell.configHash, 'table2-unfreeze', '0 %', 1]);
  });
});
