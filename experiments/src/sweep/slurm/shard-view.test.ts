import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openResultsStore } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { shardsFor, withResultsView } from './shard-view.ts';
import { shardFile } from './slurm-folder.ts';

const { dir, cleanup } = makeTempDir('shard-view');
after(cleanup);

test('status and report read unmerged shards under <db>.slurm/ (in memory; nothing written)', () => {
  const db = join(dir, 'results.db');
  assert.equal(
    withResultsView(db, shardsFor(db), () => 1),
    undefined,
    'neither database nor shards',
  );
  const shard = shardFile(db, 'exp', 'a'.repeat(64), 1, 'f'.repeat(64));
  mkdirSync(join(shard, '..'), { recursive: true });
  const s = openResultsStore({ path: shard, journal: 'rollback' });
  const { configId } = s.registerConfig('exp', { k: 1 }, 'level');
  const claim = s.claimRun(s.registerRun({ configId, seed: 1, datasetFingerprint: 'f'.repeat(64) }).id)!;
  s.finishRun(claim, { metrics: [{ split: 'test', name: 'macro_auc_roc', value: 0.6 }], labelMetrics: [], predictions: [] });
  s.close();
  assert.deepEqual(shardsFor(db), [shard]);
  assert.deepEqual(shardsFor(db, [join(dir, 'elsewhere.db')]), [join(dir, 'elsewhere.db')], 'explicit --shards win');
  assert.deepEqual(
    withResultsView(db, shardsFor(db), (store) => store.listRuns().map((r) => r.status)),
    ['done'],
  );
});
