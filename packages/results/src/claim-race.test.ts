/**
 * Claims across real processes: two children race for the same runs against one database file,
 * and a child killed with SIGKILL while holding a run loses it at once (same host, process gone).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { openTempResultsStore } from './testing.ts';

const tsx = createRequire(import.meta.url).resolve('tsx');
const child = fileURLToPath(new URL('./testing/claim-child.ts', import.meta.url));
const { store, path, cleanup } = openTempResultsStore();
after(cleanup);

interface Child {
  proc: ReturnType<typeof spawn>;
  /** Resolves with the next JSON line the child prints. */
  nextLine: () => Promise<Record<string, unknown>>;
  exit: Promise<number | null>;
}

/** Starts the child script with stdio piped; its stdout is read as JSON lines. */
function startChild(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', tsx, child, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  let buffered = '';
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    while (lines.length && waiting.length) waiting.shift()!(lines.shift()!);
  });
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const nextLine = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (lines.length) return resolve(JSON.parse(lines.shift()!) as Record<string, unknown>);
      waiting.push((line) => resolve(JSON.parse(line) as Record<string, unknown>));
      void exit.then((code) => reject(new Error(`claim-child exited (${code}) before printing a line: ${err}`)));
    });
  return { proc, nextLine, exit };
}

function newRuns(count: number, tag: string): number[] {
  const { configId } = store.registerConfig('race', { tag }, tag);
  return Array.from({ length: count }, (_, seed) => store.registerRun({ configId, seed, datasetFingerprint: 'fp' }).id);
}

describe('claims across processes', () => {
  test('two processes racing for the same 300 runs: each run is won by exactly one of them', async () => {
    const ids = newRuns(300, 'race');
    // Both children start up (about a second of tsx each), say they are ready, then get "go" together.
    const a = startChild(['race', path, ...ids.map(String)]);
    const b = startChild(['race', path, ...ids.map(String)]);
    assert.deepEqual(await Promise.all([a.nextLine(), b.nextLine()]), [{ ready: true }, { ready: true }]);
    a.proc.stdin!.write('go\n');
    b.proc.stdin!.write('go\n');
    const [wa, wb] = (await Promise.all([a.nextLine(), b.nextLine()])).map((r) => r.won as number[]);
    a.proc.stdin!.end();
    b.proc.stdin!.end();
    assert.deepEqual(await Promise.all([a.exit, b.exit]), [0, 0]);
    assert.equal(wa!.filter((id) => wb!.includes(id)).length, 0, 'no run won by both');
    assert.deepEqual(
      [...wa!, ...wb!].sort((x, y) => x - y),
      ids,
      'every run won by one',
    );
    for (const id of ids) {
      const run = store.getRun(id);
      assert.equal(run.status, 'running');
      assert.equal(run.attempts, 1, `run ${id} was claimed exactly once`);
      assert.equal(run.backend, `pid-${run.pid}`);
    }
  });

  test('a child killed (SIGKILL) while holding a run: the run is taken over at once, without waiting for the stale limit', async (t) => {
    const [id] = newRuns(1, 'kill');
    const holder = startChild(['hold', path, String(id)]);
    t.after(() => holder.proc.kill('SIGKILL')); // never leave it running if an assertion fails
    const { claimed } = await holder.nextLine();
    assert.equal(typeof claimed, 'string');
    assert.equal(store.claimRun(id!, { staleAfterMs: 60_000 }), null, 'a live holder keeps it');
    const held = store.runHolder(id!, { staleAfterMs: 60_000 })!;
    assert.deepEqual([held.pid, held.process, held.attempt], [holder.proc.pid, 'running', 1]);
    await new Promise((r) => setTimeout(r, 100)); // let it heartbeat a few times
    assert.ok(store.getRun(id!).heartbeatAt! > store.getRun(id!).startedAt!, 'the child heartbeats');
    holder.proc.kill('SIGKILL');
    await holder.exit;
    assert.equal(store.runHolder(id!, { staleAfterMs: 60_000 })!.process, 'gone');
    const claim = store.claimRun(id!, { staleAfterMs: 60_000 });
    assert.ok(claim, 'a dead holder on this host is replaced while its heartbeat is fresh');
    assert.equal(claim.attempt, 2);
    assert.notEqual(claim.token, claimed);
    assert.deepEqual([claim.previous?.pid, claim.previous?.process, claim.previous?.attempt], [holder.proc.pid, 'gone', 1]);
    assert.ok(claim.previous!.staleInMs > 50_000, 'taken long before the stale limit');
    assert.equal(store.getRun(id!).pid, process.pid);
    store.finishRun(claim, { metrics: [{ split: 'test', name: 'macro_auc_roc', value: 0.7 }], labelMetrics: [], predictions: [] });
    assert.equal(store.getRun(id!).status, 'done');
  });
});
