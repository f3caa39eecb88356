import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openTempResultsStore } from '@cxr/results/testing';
import { makeTempDir } from '@cxr/testkit';
import { runExperiment, selectBackend } from '@cxr/train';
import { resolveExperiment } from './resolve-experiment.ts';

describe('a resolved smoke cell', () => {
  const tmp = makeTempDir('smoke-cell');
  const { store, cleanup } = openTempResultsStore();
  after(() => {
    cleanup();
    tmp.cleanup();
  });

  it('trains in seconds and is registered by runExperiment under the config hash resolveExperiment gave it', async () => {
    const { backend } = await selectBackend('wasm');
    const r = resolveExperiment('table2-unfreeze', { profile: 'smoke' });
    const cell = r.cells[0]!;
    const out = await runExperiment({
      config: cell.config,
      seed: cell.seed,
      store,
      backend,
      experiment: r.definition.name,
      label: cell.level,
      dataRoot: join(tmp.dir, 'data'),
      weightsRoot: join(tmp.dir, 'weights'),
    });
    assert.equal(out.status, 'done');
    assert.equal(out.configHash, cell.configHash);
    const run = store.getRun(out.runId)!;
    assert.deepEqual([run.configHash, run.experiment, run.label, run.seed], [cell.configHash, 'table2-unfreeze', '0 %', 1]);
  });
});
