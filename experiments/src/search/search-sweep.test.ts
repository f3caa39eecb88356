/**
 * `cxr sweep` of an experiment with a search, end to end with real processes on the smoke profile:
 * the fixture test-search (one level, two trials, seed 1) runs its level and trials, then the best
 * trial's replicate - four cells of a few seconds - and a rerun runs nothing.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openResultsStore } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { cxr, runsIn } from '../sweep/testing/run-cxr.ts';

const tmp = makeTempDir('search-sweep');
after(tmp.cleanup);

describe('cxr sweep with a search', () => {
  const dir = join(tmp.dir, 'e2e');
  const db = join(dir, 'results.db');
  mkdirSync(dir, { recursive: true });
  const sweep = (...extra: string[]) =>
    cxr(tmp.dir, ['sweep', 'test-search', '--profile', 'smoke', '--db', db, '--out', join(dir, 'reports'), '--backend', 'wasm', ...extra]);

  test('--dry-run lists the trials with their sampled values before anything exists', async () => {
    const dry = sweep('--dry-run');
    assert.equal((await dry.done).code, 0, dry.out.stderr);
    assert.match(dry.out.stdout, /^test-search \(profile smoke\): 3 cells - 3 not registered/);
    assert.match(dry.out.stdout, /\n {2}search:trial-1 {2}optimizer\.lrHead=\S+ {2}model\.head\.0\.dropout=\S+\n/);
    assert.match(dry.out.stdout, /\n {2}best: chosen when the trials are done \(2 of 2 trials not finished yet\)\n/);
  });

  test('runs the level and the trials, then replicates the trial best on validation; a rerun runs nothing', async () => {
    const first = sweep('--workers', '2', '--json');
    assert.equal((await first.done).code, 0, first.out.stderr);
    const summary = JSON.parse(first.out.stdout) as { counts: Record<string, number> };
    assert.deepEqual(summary.counts, { cells: 4, done: 4, trained: 4, alreadyDone: 0, failed: 0, pending: 0 });
    const runs = runsIn(db);
    // the level at seed 1, the two trials at run seed 0, the replicate at seed 1 (registered under its trial's label, 'best' an alias)
    assert.deepEqual(runs.map((r) => [r.seed, r.status]).sort(), [
      [0, 'done'],
      [0, 'done'],
      [1, 'done'],
      [1, 'done'],
    ]);
    assert.deepEqual(
      runs
        .filter((r) => r.seed === 0)
        .map((r) => r.label)
        .sort(),
      ['search:trial-1', 'search:trial-2'],
    );
    const store = openResultsStore({ path: db, readonly: true });
    try {
      const trials = runs.filter((r) => r.seed === 0);
      const val = (id: number) => store.getMetrics(id).find((m) => m.split === 'val' && m.name === 'macro_auc_roc')!.value;
      const winner = [...trials].sort((a, b) => val(b.id) - val(a.id) || a.id - b.id)[0]!;
      const replicate = runs.find((r) => r.seed === 1 && r.configHash !== runs[0]!.configHash)!;
      assert.equal(replicate.configHash, winner.configHash, 'the replicate is the trial with the higher validation AUC');
      assert.equal(runs.length, 4);
    } finally {
      store.close();
    }
    assert.match(first.out.stderr, /best: search:trial-[12] \(validation macro_auc_roc 0\.\d{4}\), replicated over seeds 1/);
    const again = sweep('--json');
    assert.equal((await again.done).code, 0, again.out.stderr);
    const second = JSON.parse(again.out.stdout) as { counts: Record<string, number> };
    assert.deepEqual(second.counts, { cells: 4, done: 4, trained: 0, alreadyDone: 4, failed: 0, pending: 0 });
  });
});
