/**
 * `cxr sweep` end to end with real processes (the CLI, its worker processes, results.db) on the
 * test experiments of ../../sweep/testing/fixture-experiments.ts under the smoke profile: two
 * levels x seeds 1-2, a few seconds per cell. The kill and two-process tests are in
 * sweep-kill.test.ts and sweep-two-sweeps.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { cxr, integrityCheck, runsIn } from '../../sweep/testing/run-cxr.ts';

const tmp = makeTempDir('sweep-cli');
after(tmp.cleanup);

/**
 * The bytes of a database and its WAL, as one hash (what "changes nothing" compares); an empty WAL
 * counts as none, since a read-only reader creates one (with its -shm) where the last writer removed it.
 */
function dbBytes(db: string): string {
  const h = createHash('sha256');
  for (const f of [db, `${db}-wal`]) {
    const bytes = existsSync(f) ? readFileSync(f) : Buffer.alloc(0);
    h.update(`${f} ${bytes.length}\n`).update(bytes);
  }
  return h.digest('hex');
}

describe('cxr sweep', () => {
  const dir = join(tmp.dir, 'e2e');
  const db = join(dir, 'results.db');
  mkdirSync(dir, { recursive: true });
  const sweep = (...extra: string[]) =>
    cxr(tmp.dir, ['sweep', 'test-two-levels', '--profile', 'smoke', '--db', db, '--out', join(dir, 'reports'), ...extra]);

  test('--dry-run on a fresh folder lists every cell as not registered and creates neither the database nor the data', async () => {
    const dry = sweep('--dry-run');
    assert.equal((await dry.done).code, 0, dry.out.stderr);
    assert.match(dry.out.stdout, /^test-two-levels \(profile smoke\): 4 cells - 4 not registered; estimated time unknown/);
    assert.equal(dry.out.stdout.match(/not registered {2}- {4}0 {9}estimate unknown/g)?.length, 4, dry.out.stdout);
    assert.equal(existsSync(db), false, 'no database created');
    assert.equal(existsSync(join(tmp.dir, 'data')), false, 'no phantom set generated');
  });

  test('the smoke profile end to end: every cell registered and done once in 2 workers, the report written', async () => {
    const first = sweep('--workers', '2', '--backend', 'wasm', '--json');
    const { code } = await first.done;
    assert.equal(code, 0, first.out.stderr);
    const summary = JSON.parse(first.out.stdout) as { counts: Record<string, number>; cells: { outcome: string }[]; report: string | null };
    assert.deepEqual(summary.counts, { cells: 4, done: 4, trained: 4, alreadyDone: 0, failed: 0, pending: 0 });
    assert.match(first.out.stderr, /test-two-levels \(profile smoke\): 4 cells, 0 done already, 4 to run on 2 workers \(wasm\)/);
    assert.equal(first.out.stderr.match(/^\[w[12]\] start /gm)?.length, 4, 'one plain start line per cell');
    assert.equal(first.out.stderr.match(/^\[w[12]\] done .*: test macro AUC \d\.\d{4} in /gm)?.length, 4, first.out.stderr);
    const runs = runsIn(db);
    assert.deepEqual(
      runs.map((r) => [r.experiment, r.label, r.seed, r.status, r.attempts, r.epochs]),
      [
        ['test-two-levels', 'lr 1e-3', 1, 'done', 1, [1, 2]],
        ['test-two-levels', 'lr 1e-3', 2, 'done', 1, [1, 2]],
        ['test-two-levels', 'lr 3e-3', 1, 'done', 1, [1, 2]],
        ['test-two-levels', 'lr 3e-3', 2, 'done', 1, [1, 2]],
      ],
    );
    assert.equal(integrityCheck(db), 'ok');
    assert.equal(summary.report, join(dir, 'reports', 'test-two-levels.html'));
    assert.ok(existsSync(summary.report!), 'the report was written');
    assert.match(readFileSync(summary.report!, 'utf8'), /lr 3e-3/);
    assert.match(first.out.stderr, new RegExp(`report: ${summary.report}`));
  });

  test('then: a dry run with a new seed and cxr sweep status change nothing; a second sweep runs nothing', async () => {
    const before = dbBytes(db);
    const status = cxr(tmp.dir, ['db', 'status', '--db', db, '--json']);
    await status.done;
    const dry = sweep('--dry-run', '--seeds', '3');
    assert.equal((await dry.done).code, 0, dry.out.stderr);
    assert.match(
      dry.out.stdout,
      /6 cells - 4 done, 2 not registered; estimated \d+(\.\d+)? s with \d+ workers? \(from done runs of each level\)/,
    );
    assert.match(dry.out.stdout, /lr 3e-3 {2}3 {5}not registered {2}- {4}0 {9}~\d+(\.\d+)? s/);
    assert.equal(dbBytes(db), before, 'the dry run left the database as it was');
    const statusAfter = cxr(tmp.dir, ['db', 'status', '--db', db, '--json']);
    await statusAfter.done;
    assert.equal(statusAfter.out.stdout, status.out.stdout);

    const second = sweep('--workers', '2', '--backend', 'wasm');
    assert.equal((await second.done).code, 0, second.out.stderr);
    assert.match(second.out.stdout, /^test-two-levels \(profile smoke\): 4\/4 cells done \(0 trained now, 4 already done\)/);
    assert.doesNotMatch(second.out.stderr, /start /, 'nothing started');
    const beforeStatus = dbBytes(db);
    const sweepStatus = cxr(tmp.dir, ['sweep', 'status', '--profile', 'smoke', '--db', db]);
    assert.equal((await sweepStatus.done).code, 0, sweepStatus.out.stderr);
    assert.match(
      sweepStatus.out.stdout,
      /^test-two-levels \(profile smoke\): 4 cells - 4 done; nothing left to run$/m,
      'the same table for every experiment',
    );
    assert.match(sweepStatus.out.stdout, /^table2-unfreeze \(profile smoke\): 18 cells - /m);
    assert.equal(dbBytes(db), beforeStatus, 'status wrote nothing');
    assert.deepEqual(
      runsIn(db).map((r) => r.attempts),
      [1, 1, 1, 1],
    );
  });

  test('a level whose weights folder is missing: its cells are recorded failed with the error, the others finish, exit 1; --retry-failed runs them again', async () => {
    const fdb = join(tmp.dir, 'failing.db');
    const run = (...extra: string[]) =>
      cxr(tmp.dir, [
        'sweep',
        'test-failing-level',
        '--profile',
        'smoke',
        '--db',
        fdb,
        '--seeds',
        '1',
        '--workers',
        '2',
        '--backend',
        'wasm',
        ...extra,
      ]);
    const first = run();
    assert.equal((await first.done).code, 1, first.out.stderr);
    const runs = runsIn(fdb);
    const failed = runs.filter((r) => r.label === 'missing weights');
    assert.deepEqual(
      runs.filter((r) => r.label === 'lr 1e-3').map((r) => r.status),
      ['done'],
      'the other level finished',
    );
    assert.deepEqual(
      failed.map((r) => [r.status, r.attempts, r.backend]),
      [['failed', 1, 'wasm']],
    );
    assert.match(failed[0]!.error ?? '', /model\.init\.weights.*\/nonexistent does not exist/);
    assert.match(first.out.stdout, /1\/2 cells done \(1 trained now, 0 already done\), 1 failed/);
    assert.match(
      first.out.stdout,
      new RegExp(`failed cells \\(1\\):\n  run ${failed[0]!.id} missing weights seed 1: TrainConfigError: .*nonexistent does not exist`),
    );
    assert.match(first.out.stdout, /run them again with: npx cxr sweep test-failing-level .* --retry-failed/);

    const again = run();
    assert.equal((await again.done).code, 1, 'still failed');
    assert.match(again.out.stderr, /2 cells, 1 done already, 0 to run/, 'a failed cell is not rerun without --retry-failed');
    assert.match(again.out.stdout, /failed cells \(1\):/, 'but reported again');
    assert.equal(runsIn(fdb).find((r) => r.label === 'missing weights')!.attempts, 1);

    const retried = run('--retry-failed');
    assert.equal((await retried.done).code, 1);
    assert.match(retried.out.stderr, /2 cells, 1 done already, 1 to run/);
    const after = runsIn(fdb).find((r) => r.label === 'missing weights')!;
    assert.deepEqual([after.status, after.attempts], ['failed', 2]);
  });
});
