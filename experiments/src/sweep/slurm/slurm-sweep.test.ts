/**
 * A smoke sweep on a real single-node Slurm (testing/slurm-cluster.ts): `cxr sweep --launcher
 * slurm` submits 4 cells as an array throttled to 2; after their epoch-1 checkpoints (a test hook
 * holds them there) task 0 is requeued with `scontrol requeue` and task 1 gets the USR1 time-limit
 * warning, on which its script requeues it; both restart with SLURM_RESTART_COUNT=1 and resume; the dependent job merges the shards and writes the report. Skips with the reason
 * where Slurm is missing or this is not root, unless CXR_REQUIRE_SERVICES=1 (CI), then it fails.
 *
 * Slurm holds a requeued job for about two minutes (Reason=BeginTime); `scontrol update
 * StartTime=now` releases it at once, which keeps this test near a minute.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { cxr, integrityCheck, runsIn, waitFor } from '../testing/run-cxr.ts';
import { slurmSkipReason, startSlurmCluster, type SlurmCluster } from './testing/slurm-cluster.ts';

const tmp = makeTempDir('slurm-sweep');
let slurm: SlurmCluster | undefined;
after(async () => {
  await slurm?.stop();
  tmp.cleanup();
});

function read(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

test(
  'a smoke sweep as a Slurm array: one task requeued mid-run resumes, the merge job folds every cell once and reports',
  { timeout: 240_000 },
  async (t) => {
    const reason = slurmSkipReason();
    if (reason) {
      if (process.env['CXR_REQUIRE_SERVICES'] === '1') assert.fail(`CXR_REQUIRE_SERVICES=1 and ${reason}`);
      t.skip(reason);
      return;
    }
    slurm = await startSlurmCluster(join(tmp.dir, 'slurm'));
    const s = slurm;
    const db = join(tmp.dir, 'results.db');
    const reports = join(tmp.dir, 'reports');
    const submit = cxr(
      tmp.dir,
      [
        'sweep',
        'test-two-levels',
        '--profile',
        'smoke',
        '--seeds',
        '2',
        '--db',
        db,
        '--backend',
        'wasm',
        '--launcher',
        'slurm',
        '--array-parallel',
        '2',
        '--out',
        reports,
      ],
      { ...s.env, CXR_TEST_HOLD_AFTER_EPOCH: '1', CXR_TEST_HOLD_INDEX: '0,1' },
    );
    const { code } = await submit.done;
    assert.equal(code, 0, submit.out.stderr);
    const ids = /submitted job array (\d+) \(4 task\(s\)\) and merge job (\d+)/.exec(submit.out.stdout);
    assert.ok(ids, submit.out.stdout);
    const [, arrayId, mergeId] = ids;
    const logs = join(`${db}.slurm`, 'test-two-levels', 'logs');
    const log0 = join(logs, `${arrayId}_0.log`);

    const log1 = join(logs, `${arrayId}_1.log`);
    const pending = (task: string) => /JobState=PENDING/.test(s.client('scontrol', ['show', 'job', task]));

    // slurmctld may answer a signal or requeue of one array task with "Job can not be altered now, try
    // again later" and yet carry it out (its log then shows "Requeuing JobId=..."), so each preemption
    // is sent, and sent again, until the task is seen pending. Its requeue hold (BeginTime, ~2 min) is
    // released only once the old instance has handed its cell back and exited: a task released while
    // its previous instance is still on the node is started at once and fails (exit 1 in ~10 ms).
    const preempt = async (task: string, log: string, command: Parameters<typeof s.client>[0], args: string[]) => {
      const deadline = Date.now() + 60_000;
      while (!pending(task)) {
        if (Date.now() > deadline) throw new Error(`${task} not pending within 60 s of ${command} ${args.join(' ')}`);
        try {
          s.client(command, args);
        } catch (e) {
          if (!/can not be altered now/.test(String(e))) throw e;
        }
        await waitFor(`${task} pending`, () => pending(task) || undefined, 5_000).catch(() => undefined);
      }
      await waitFor(`${task}'s first instance handing its cell back`, () => /handed back as pending/.test(read(log)), 60_000);
      await waitFor(`${task}'s first instance gone`, () => !/COMPLETING/.test(s.client('scontrol', ['show', 'job', task])), 60_000);
      await new Promise((r) => setTimeout(r, 5_000));
      s.client('scontrol', ['update', `JobId=${task}`, 'StartTime=now']);
    };
    await waitFor('task 0 holding after its epoch-1 checkpoint', () => read(log0).includes('holding after epoch 1'), 90_000);
    await waitFor('task 1 holding after its epoch-1 checkpoint', () => read(log1).includes('holding after epoch 1'), 90_000);
    // task 0: preempted from outside (scontrol requeue: SIGTERM to its processes)
    await preempt(`${arrayId}_0`, log0, 'scontrol', ['requeue', `${arrayId}_0`]);
    // task 1: the time-limit warning (USR1 to the batch shell, by the task's own job id), after which
    // the script requeues its own task
    const task1 = /^JobId=(\d+)/m.exec(s.client('scontrol', ['show', 'job', `${arrayId}_1`]))![1]!;
    await preempt(`${arrayId}_1`, log1, 'scancel', ['--batch', '--signal=USR1', task1]);

    // The merge job submits itself again while a task of the array is still queued (a requeued task
    // may count as ended), so the sweep is over when the queue is empty; every merge job completed.
    await waitFor(
      'the merge job to end',
      () => /JobState=(COMPLETED|FAILED|CANCELLED|TIMEOUT)/.test(s.client('scontrol', ['show', 'job', mergeId!])),
      150_000,
    );
    await waitFor('an empty queue', () => s.client('squeue', ['-h']).trim() === '', 150_000);
    const mergeLogs = readdirSync(logs).filter((f) => f.startsWith('merge_'));
    const mergeLog = mergeLogs.map((f) => read(join(logs, f))).join('\n');
    for (const f of mergeLogs) {
      const id = /^merge_(\d+)\.log$/.exec(f)![1]!;
      assert.match(s.client('scontrol', ['show', 'job', id]), /JobState=COMPLETED/, mergeLog);
    }

    assert.match(read(log1), /USR1: stopping the cell and requeueing task/, read(log1));
    for (const [task, file] of [
      [`${arrayId}_0`, log0],
      [`${arrayId}_1`, log1],
    ] as const) {
      const text = read(file);
      assert.match(text, /restart 1/, `${task}: the restarted task saw SLURM_RESTART_COUNT=1`);
      assert.match(text, /resuming after epoch 1 from .*\.checkpoints/, text);
      assert.match(s.client('scontrol', ['show', 'job', task]), /Restarts=1/);
    }

    const runs = runsIn(db);
    assert.equal(runs.length, 4, JSON.stringify(runs));
    assert.deepEqual(
      runs.map((r) => r.status),
      ['done', 'done', 'done', 'done'],
    );
    assert.equal(new Set(runs.map((r) => `${r.configHash}/${r.seed}`)).size, 4, 'each cell exactly once');
    for (const r of runs) assert.deepEqual(r.epochs, [1, 2], `run ${r.id}: each epoch once`);
    assert.equal(integrityCheck(db), 'ok');
    assert.match(mergeLog, /4 shard\(s\) into .*: 4 run\(s\) merged/);
    assert.ok(existsSync(join(reports, 'test-two-levels.html')), 'report written by the merge job');
    for (const r of runs) assert.ok(existsSync(join(`${db}.models`, String(r.id), 'meta.json')), `model of run ${r.id}`);
  },
);
