/**
 * `cxr sweep` killed, with real processes: its workers killed with exit 137 right after an epoch's
 * checkpoint (the trainer's crash hook, CXR_TEST_CRASH_AFTER_EPOCH), then the sweep interrupted
 * with SIGINT and killed with SIGKILL - each time the next claim takes the run over at once and
 * resumes it from its checkpoint, every cell ends done exactly once, and the database passes
 * PRAGMA integrity_check. Smoke profile, one seed per level, to keep each test well under a minute.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isProcessRunning } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { childPids, cxr, integrityCheck, runsIn, smokeSweepArgs, waitFor, type Launched } from '../../sweep/testing/run-cxr.ts';

const tmp = makeTempDir('sweep-kill');
const started: Launched[] = [];
after(() => {
  for (const p of started) p.proc.kill('SIGKILL');
  tmp.cleanup();
});

function sweep(db: string, extra: string[], env: Record<string, string> = {}): Launched {
  const args = [...smokeSweepArgs(db, 2), ...extra];
  const p = cxr(tmp.dir, args, { ...env });
  started.push(p);
  return p;
}

describe('cxr sweep: killed and resumed', () => {
  test('each worker killed (exit 137) after its first epoch: its run is taken over at once by the next worker and resumed; done once each', async () => {
    const db = join(tmp.dir, 'workers-killed.db');
    const p = sweep(db, ['--out', join(tmp.dir, 'r1')], { CXR_TEST_CRASH_AFTER_EPOCH: '1' });
    const { code } = await p.done;
    assert.equal(code, 0, p.out.stderr);
    const runs = runsIn(db);
    assert.deepEqual(
      runs.map((r) => [r.label, r.status, r.attempts, r.epochs]),
      [
        ['lr 1e-3', 'done', 2, [1, 2]],
        ['lr 3e-3', 'done', 2, [1, 2]],
      ],
      'two claims each: the killed one and the one that resumed it; epoch 1 recorded once',
    );
    assert.equal(
      p.out.stderr.match(/worker \d \(pid \d+\) died \(exit code 137\) running lr \de-3 seed 1; its run is taken over by the next worker/g)
        ?.length,
      2,
    );
    assert.equal(p.out.stderr.match(/taking over from pid \d+ on host .*its process is gone/g)?.length, 2, p.out.stderr);
    assert.equal(p.out.stderr.match(/resuming after epoch 1/g)?.length, 2, p.out.stderr);
    assert.equal(p.out.stderr.match(/\(resumed after epoch 1\)/g)?.length, 2);
    assert.equal(integrityCheck(db), 'ok');
  });

  test('Ctrl-C hands every cell back (exit 130, the resume command said); kill -9 of the sweep: its workers hand back and exit; the next sweep finishes', async (t) => {
    const db = join(tmp.dir, 'sweep-killed.db');
    // 20 short epochs (a fraction of a second each): enough that the sweep is killed well before a
    // run can reach its finish phase (a worker that is already finishing rightly commits the run)
    const epochs = 20;
    const extra = ['--set', `epochs=${epochs}`, '--out', join(tmp.dir, 'r2')];
    const bothRunning = (p: Launched, minEpochs: number) =>
      waitFor(
        `both runs running with ${minEpochs}+ epochs`,
        () => {
          const runs = runsIn(db);
          return runs.length === 2 && runs.every((r) => r.status === 'running' && r.epochs.length >= minEpochs) && runs;
        },
        40_000,
        p,
      );

    await t.test('SIGINT', async () => {
      const first = sweep(db, extra);
      await bothRunning(first, 1);
      const signalled = Date.now();
      first.proc.kill('SIGINT');
      const { code } = await first.done;
      assert.ok(Date.now() - signalled < 8000, `exited ${Date.now() - signalled} ms after SIGINT`);
      assert.equal(code, 130, first.out.stderr);
      assert.match(
        first.out.stderr,
        /interrupted: 2 cell\(s\) not done, running ones handed back as pending; resume with: npx cxr sweep test-two-levels --profile smoke --seeds 1 --db \S+ --workers 2 --backend wasm --set epochs=20 --out \S+\n/,
      );
      assert.deepEqual(
        runsIn(db).map((r) => r.status),
        ['pending', 'pending'],
      );
    });

    await t.test('kill -9 of the sweep process', async () => {
      const before = runsIn(db).map((r) => r.epochs.length);
      const second = sweep(db, extra);
      const running = await bothRunning(second, Math.max(...before) + 1);
      const [parent] = childPids(second.proc.pid!);
      assert.ok(parent, 'the launcher started the sweep process');
      process.kill(parent, 'SIGKILL');
      const killedAt = Date.now();
      await waitFor('the workers to exit', () => running.every((r) => !isProcessRunning(r.pid!, r.pidStart)), 15_000, second);
      assert.ok(Date.now() - killedAt < 10_000, `workers exited ${Date.now() - killedAt} ms after the sweep was killed`);
      await second.done;
      assert.deepEqual(
        runsIn(db).map((r) => r.status),
        ['pending', 'pending'],
        'handed back, not left running',
      );
    });

    const last = sweep(db, extra);
    const { code } = await last.done;
    assert.equal(code, 0, last.out.stderr);
    assert.equal(last.out.stderr.match(/resuming after epoch \d+/g)?.length, 2, last.out.stderr);
    assert.deepEqual(
      runsIn(db).map((r) => [r.status, r.attempts, r.epochs]),
      [
        ['done', 3, Array.from({ length: epochs }, (_, i) => i + 1)],
        ['done', 3, Array.from({ length: epochs }, (_, i) => i + 1)],
      ],
    );
    assert.equal(integrityCheck(db), 'ok');
  });
});
