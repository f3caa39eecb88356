import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, describe, test } from 'node:test';
import { pidNamespace, processStartTicks } from '@cxr/core';
import { DEFAULT_STALE_AFTER_MS } from './claims.ts';
import { formatDuration, formatHolder } from './run-holder.ts';
import { openResultsStore } from './store.ts';
import { openTempResultsStore } from './testing.ts';
import type { RunClaim } from './types.ts';

// One clock for the whole file, moved by hand, so staleness is tested without sleeping.
let clock = 1_700_000_000_000;
const { store, path, cleanup } = openTempResultsStore({ now: () => clock });
after(cleanup);
let nextConfig = 0;
function newRun(): number {
  const { configId } = store.registerConfig('claims', { n: nextConfig++ }, `c${nextConfig}`);
  return store.registerRun({ configId, seed: 0, datasetFingerprint: 'fp' }).id;
}

describe('claimRun', () => {
  test('takes a pending run once, recording who and what; a second claim gets null', () => {
    const id = newRun();
    const claim = store.claimRun(id, { backend: 'wasm', codeVersion: 'abc123', packageVersions: { '@tensorflow/tfjs': '4.22.0' } });
    assert.ok(claim);
    assert.equal(claim.runId, id);
    assert.equal(claim.attempt, 1);
    assert.equal(claim.claimedAt, clock);
    assert.match(claim.token, /^[0-9a-f-]{36}$/);
    const row = store.getRun(id);
    assert.deepEqual(
      [row.status, row.host, row.pid, row.heartbeatAt, row.startedAt, row.backend, row.codeVersion, row.packageVersions, row.attempts],
      ['running', hostname(), process.pid, clock, clock, 'wasm', 'abc123', { '@tensorflow/tfjs': '4.22.0' }, 1],
    );
    assert.equal(store.claimRun(id), null);
    const raw = store.db.prepare('SELECT pid_start, pid_namespace FROM runs WHERE id = ?').get(id) as Record<string, unknown>;
    assert.deepEqual(raw, { pid_start: processStartTicks(process.pid), pid_namespace: pidNamespace() });
    assert.equal(row.pidStart, processStartTicks(process.pid));
  });

  test('a running run is taken over only once its heartbeat is older than the stale limit', () => {
    const id = newRun();
    const old = store.claimRun(id)!;
    clock += 1000;
    store.heartbeat(old);
    assert.equal(store.getRun(id).heartbeatAt, clock);
    clock += 500;
    assert.equal(store.claimRun(id, { staleAfterMs: 500 }), null, 'exactly at the limit is still alive');
    clock += 1;
    const fresh = store.claimRun(id, { staleAfterMs: 500 });
    assert.ok(fresh);
    assert.equal(fresh.attempt, 2);
    assert.notEqual(fresh.token, old.token);
    // The old holder can no longer write anything to the run.
    assert.throws(() => store.heartbeat(old), {
      name: 'ResultsOwnershipError',
      message: new RegExp(
        `^heartbeat\\(claim\\): expected a claim this process holds on run ${id} \\(status running, same token\\), but it is held by another claim \\(attempt 2, host .*, pid ${process.pid}\\); it was probably taken over after this claim's heartbeat went stale$`,
      ),
    });
    assert.throws(
      () => store.finishRun(old, { metrics: [], labelMetrics: [], predictions: [] }),
      /finishRun\(claim\): .*held by another claim/,
    );
    assert.throws(() => store.failRun(old, 'x'), /failRun\(claim\): .*held by another claim/);
    store.heartbeat(fresh);
  });

  test('the default stale limit is ten minutes', () => {
    assert.equal(DEFAULT_STALE_AFTER_MS, 600_000);
    const id = newRun();
    store.claimRun(id);
    clock += DEFAULT_STALE_AFTER_MS;
    assert.equal(store.claimRun(id), null);
    clock += 1;
    assert.ok(store.claimRun(id));
  });

  test('a failed run keeps its error and is claimable again (unless retryFailed: false)', () => {
    const id = newRun();
    const claim = store.claimRun(id)!;
    clock += 10;
    store.failRun(claim, new Error('loss diverged at epoch 3'));
    const failed = store.getRun(id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.endedAt, clock);
    assert.match(failed.error!, /^Error: loss diverged at epoch 3\n/);
    assert.throws(() => store.failRun(claim, 'again'), {
      name: 'ResultsOwnershipError',
      message: `failRun(claim): expected a claim this process holds on run ${id} (status running, same token), but the run is failed`,
    });
    assert.equal(store.claimRun(id, { retryFailed: false }), null);
    const retry = store.claimRun(id)!;
    assert.equal(retry.attempt, 2);
    const running = store.getRun(id);
    assert.equal(running.status, 'running');
    assert.equal(running.endedAt, null);
    assert.match(running.error!, /loss diverged/, 'the last error stays visible while retrying');
    store.finishRun(retry, { metrics: [], labelMetrics: [], predictions: [] });
    assert.equal(store.getRun(id).error, null);
    assert.equal(store.claimRun(id), null, 'a done run is never claimed');
  });

  test('failRun stores non-Error values readably', () => {
    const a = newRun();
    store.failRun(store.claimRun(a)!, 'plain text');
    assert.equal(store.getRun(a).error, 'plain text');
    const b = newRun();
    store.failRun(store.claimRun(b)!, { code: 7 });
    assert.equal(store.getRun(b).error, '{"code":7}');
  });

  test('releaseRun gives the run back as pending', () => {
    const id = newRun();
    const claim = store.claimRun(id)!;
    store.releaseRun(claim);
    assert.equal(store.getRun(id).status, 'pending');
    assert.throws(() => store.releaseRun(claim), /releaseRun\(claim\): .*but the run is pending/);
    assert.equal(store.claimRun(id)!.attempt, 2);
  });

  test('refuses unknown run ids, forged claims and bad options', () => {
    assert.throws(() => store.claimRun(424242), {
      name: 'ResultsNotFoundError',
      message: 'claimRun(runId): expected a run id returned by registerRun, received 424242 which does not exist',
    });
    assert.throws(() => store.claimRun(0), {
      name: 'ResultsArgumentError',
      message: 'claimRun(runId): expected an integer >= 1, received 0',
    });
    assert.throws(
      () => store.claimRun(newRun(), { staleAfterMs: -1 }),
      /claimRun\(opts\.staleAfterMs\): expected a finite number of milliseconds >= 0, received -1/,
    );
    assert.throws(() => store.heartbeat({ runId: 424242, token: 't', attempt: 1, claimedAt: 0 }), {
      name: 'ResultsNotFoundError',
      message: 'heartbeat(claim.runId): expected a run id returned by registerRun, received 424242 which does not exist',
    });
    assert.throws(() => store.heartbeat(null as unknown as RunClaim), {
      name: 'ResultsArgumentError',
      message: 'heartbeat(claim): expected a RunClaim returned by claimRun, received null',
    });
    const id = newRun();
    store.claimRun(id);
    assert.throws(
      () => store.heartbeat({ runId: id, token: 'forged', attempt: 1, claimedAt: 0 }),
      /heartbeat\(claim\): .*held by another claim/,
    );
    const pending = newRun();
    assert.throws(
      () => store.updateRunInfo({ runId: pending, token: 'x', attempt: 1, claimedAt: 0 }, { a: 1 }),
      /updateRunInfo\(claim\): .*but the run is pending/,
    );
  });

  test('a second connection (as another process would have) sees the claim and cannot take it', () => {
    const id = newRun();
    const mine = store.claimRun(id)!;
    const other = openResultsStore({ path, now: () => clock });
    try {
      assert.equal(other.claimRun(id), null);
      assert.throws(() => other.heartbeat({ ...mine, token: 'not-mine' }), /held by another claim/);
      other.heartbeat(mine); // the token is the proof, not the connection
    } finally {
      other.close();
    }
  });
});

/** Rewrites who holds run `id`, as another process (or host) would have claimed it. */
function setHolder(id: number, cols: { host?: string; pid?: number; pid_start?: number | null; pid_namespace?: string | null }): void {
  const sets = Object.keys(cols).map((k) => `${k} = @${k}`);
  store.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = @id`).run({ ...cols, id });
}
/** A pid no process has (above any pid_max Linux allows). */
const DEAD_PID = 2_147_483_646;

describe('claimRun and the holder process', () => {
  test('a holder on this host whose process is gone is replaced at once; previous names it', () => {
    const id = newRun();
    store.claimRun(id);
    setHolder(id, { pid: DEAD_PID });
    clock += 12_000;
    const holder = store.runHolder(id)!;
    assert.deepEqual(
      [holder.pid, holder.host, holder.process, holder.heartbeatAgeMs, holder.staleInMs, holder.attempt],
      [DEAD_PID, hostname(), 'gone', 12_000, DEFAULT_STALE_AFTER_MS - 12_000, 1],
    );
    assert.equal(formatHolder(holder), `pid ${DEAD_PID} on host ${hostname()} (heartbeat 12 s ago; its process is gone)`);
    const claim = store.claimRun(id)!;
    assert.equal(claim.attempt, 2);
    assert.equal(claim.previous?.pid, DEAD_PID);
    assert.equal(claim.previous?.process, 'gone');
    assert.equal(store.getRun(id).pid, process.pid);
  });

  test('a live pid with another start time is a reused pid: the holder is gone', () => {
    const id = newRun();
    store.claimRun(id);
    const start = processStartTicks(process.pid);
    if (start === null) return; // no procfs: start times are not recorded
    setHolder(id, { pid_start: start + 1 });
    assert.equal(store.runHolder(id)!.process, 'gone');
    assert.ok(store.claimRun(id));
    setHolder(id, { pid_start: null });
    assert.equal(store.runHolder(id)!.process, 'running', 'no start time recorded (an old claim): the live pid decides');
    assert.equal(store.claimRun(id), null);
  });

  test('a holder on another host (or pid namespace) waits for the stale limit, unless takeOver', () => {
    const id = newRun();
    store.claimRun(id);
    setHolder(id, { host: 'node7', pid: DEAD_PID });
    clock += 12_000;
    const holder = store.runHolder(id)!;
    assert.equal(holder.process, 'unknown');
    assert.equal(formatHolder(holder), `pid ${DEAD_PID} on host node7 (heartbeat 12 s ago; stale in 9 min 48 s)`);
    assert.equal(store.claimRun(id), null, 'a dead pid means nothing on another host');
    const forced = store.claimRun(id, { takeOver: true })!;
    assert.equal(forced.attempt, 2);
    assert.deepEqual([forced.previous?.host, forced.previous?.pid, forced.previous?.process], ['node7', DEAD_PID, 'unknown']);
    // Same host name, another pid namespace (a container): not checked by pid either.
    setHolder(id, { host: hostname(), pid: DEAD_PID, pid_namespace: 'pid:[1]' });
    assert.equal(store.runHolder(id)!.process, pidNamespace() === null ? 'gone' : 'unknown');
    clock += DEFAULT_STALE_AFTER_MS + 1;
    assert.equal(formatHolder(store.runHolder(id)!).endsWith(pidNamespace() === null ? 'its process is gone)' : 'stale now)'), true);
    assert.ok(store.claimRun(id), 'stale: claimable again');
  });

  test('takeOver on a pending run claims it plainly (no previous); runHolder is null unless running', () => {
    const id = newRun();
    assert.equal(store.runHolder(id), null);
    const claim = store.claimRun(id, { takeOver: true })!;
    assert.equal(claim.previous, undefined);
    assert.ok(store.runHolder(id));
    assert.throws(() => store.runHolder(424242), {
      name: 'ResultsNotFoundError',
      message: /^runHolder\(runId\): .*424242 which does not exist$/,
    });
  });
});

describe('releaseRunById', () => {
  test('hands a running run back as pending and returns its holder; the old claim can no longer write', () => {
    const id = newRun();
    const claim = store.claimRun(id)!;
    setHolder(id, { host: 'node7' });
    clock += 3000;
    const was = store.releaseRunById(id);
    assert.deepEqual([was.host, was.heartbeatAgeMs, was.attempt], ['node7', 3000, 1]);
    assert.equal(store.getRun(id).status, 'pending');
    assert.throws(() => store.heartbeat(claim), /but the run is pending/);
    assert.equal(store.claimRun(id)!.attempt, 2);
  });

  test('refuses a run that is not running, naming its status, and an unknown run', () => {
    const id = newRun();
    assert.throws(() => store.releaseRunById(id), {
      name: 'ResultsStateError',
      message: `releaseRunById(runId): expected a running run, but run ${id} is pending`,
    });
    store.finishRun(store.claimRun(id)!, { metrics: [], labelMetrics: [], predictions: [] });
    assert.throws(() => store.releaseRunById(id), { message: `releaseRunById(runId): expected a running run, but run ${id} is done` });
    assert.throws(() => store.releaseRunById(424242), { name: 'ResultsNotFoundError' });
  });
});

test('formatDuration: ms, s, min s, h min', () => {
  assert.deepEqual([850, 12_400, 588_000, 7_500_000].map(formatDuration), ['850 ms', '12 s', '9 min 48 s', '2 h 5 min']);
});
