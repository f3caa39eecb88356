import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { formatMerge, shardArguments } from './db-merge.ts';

const { dir, cleanup } = makeTempDir('db-merge');
after(cleanup);

test('shard arguments: files as given, folders as their *.db files, a missing path refused', () => {
  mkdirSync(join(dir, 'shards'));
  for (const f of ['b.db', 'a.db', 'a.db-journal']) writeFileSync(join(dir, 'shards', f), '');
  writeFileSync(join(dir, 'one.db'), '');
  assert.deepEqual(shardArguments([join(dir, 'one.db'), join(dir, 'shards')]), [
    join(dir, 'one.db'),
    join(dir, 'shards', 'a.db'),
    join(dir, 'shards', 'b.db'),
  ]);
  assert.throws(() => shardArguments([join(dir, 'nope')]), {
    name: 'CliArgumentError',
    message: /cxr db merge: expected SHARD to be a shard file or a folder of them, received ".*nope" which does not exist/,
  });
});

test('formatMerge names skipped runs and violations with both files', () => {
  const lines = formatMerge({
    shard: '/s/b.db',
    merged: [],
    unchanged: 0,
    skipped: [{ run: 'config hash aa, fingerprint ff, seed 1', reason: 'running in the shard' }],
    violations: [
      {
        run: 'config hash bb, fingerprint ff, seed 2',
        shard: '/s/b.db',
        target: '/r/results.db',
        targetFrom: '/s/a.db',
        difference: 'test/macro_auc_roc 0.6 vs 0.7',
      },
    ],
  });
  assert.deepEqual(lines, [
    'conflict 0 run(s), 0 unchanged, 1 skipped: /s/b.db',
    '  skipped config hash aa, fingerprint ff, seed 1: running in the shard',
    '  determinism violation: config hash bb, fingerprint ff, seed 2: /s/b.db vs /r/results.db (merged from /s/a.db): test/macro_auc_roc 0.6 vs 0.7',
  ]);
});
