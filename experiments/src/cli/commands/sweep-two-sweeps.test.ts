/**
 * Two `cxr sweep` commands started at once on one database (real processes, one worker each, the
 * two cells of a two-level experiment at seed 1, so both go for the same first cell):
 * between them every cell is trained exactly once - one claim per run, each run's epochs written
 * once - and each sweep ends with every cell done (the other's cells found 'busy', retried after
 * its own, then seen done).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { cxr, integrityCheck, runsIn, smokeSweepArgs, type Launched } from '../../sweep/testing/run-cxr.ts';

const tmp = makeTempDir('sweep-two');
const started: Launched[] = [];
after(() => {
  for (const p of started) p.proc.kill('SIGKILL');
  tmp.cleanup();
});

test('two sweeps at once on one database: every cell trained exactly once between them, both end with every cell done', async () => {
  const db = join(tmp.dir, 'results.db');
  const args = (out: string) => [...smokeSweepArgs(db, 1), '--out', join(tmp.dir, out)];
  // the phantom set first, so the two do not both generate it
  const prepare = cxr(tmp.dir, ['sweep', 'prepare', 'test-two-levels', '--profile', 'smoke', '--backend', 'wasm']);
  assert.equal((await prepare.done).code, 0, prepare.out.stderr);
  assert.match(prepare.out.stdout, /test-two-levels \(profile smoke\): 1 dataset ready under /);

  const both = [cxr(tmp.dir, args('ra')), cxr(tmp.dir, args('rb'))];
  started.push(...both);
  const codes = await Promise.all(both.map((p) => p.done));
  for (const [i, { code }] of codes.entries()) assert.equal(code, 0, both[i]!.out.stderr);
  const trained = both.map((p) => p.out.stderr.match(/^\[w1\] done .*: test macro AUC \d\.\d{4} in /gm)?.length ?? 0);
  assert.equal(trained[0]! + trained[1]!, 2, `cells trained: ${trained.join(' + ')}\n${both.map((p) => p.out.stderr).join('\n---\n')}`);
  for (const p of both) assert.match(p.out.stdout, /2\/2 cells done/);
  const runs = runsIn(db);
  assert.deepEqual(
    runs.map((r) => [r.status, r.attempts, r.epochs]),
    Array.from({ length: 2 }, () => ['done', 1, [1, 2]]),
    'one claim per run (a second claim would count an attempt), each epoch written once',
  );
  assert.equal(integrityCheck(db), 'ok');
});
