/**
 * Who owns a run, with real processes: `cxr train` (bin/cxr.mjs and the CLI child it starts) killed
 * with SIGKILL, interrupted with SIGINT, orphaned by a killed launcher, refused as busy and forced
 * with --take-over - each time the next `cxr train` goes on from the last epoch checkpoint.
 * An 8-epoch smoke config (32 px, 4 steps an epoch) keeps each run to a few seconds.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isProcessRunning, openResultsStore, type RunRow } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';

const CLI = join(import.meta.dirname, '..', '..', '..', 'bin', 'cxr.mjs');
const tmp = makeTempDir('train-ownership');
const db = join(tmp.dir, 'results.db');
const configFile = join(tmp.dir, 'long.json');
writeFileSync(configFile, JSON.stringify({ extends: 'smoke', epochs: 8, stepsPerEpoch: 4 }));
const started: Launched[] = [];
after(() => {
  for (const p of started) p.proc.kill('SIGKILL');
  tmp.cleanup();
});

interface Launched {
  proc: ReturnType<typeof spawn>;
  out: { stdout: string; stderr: string };
  /** Resolves when the launcher has exited and its output pipes are closed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node bin/cxr.mjs train --config long.json --seed S ...` in the temp dir, output collected. */
function train(seed: number, extra: string[] = []): Launched {
  const args = [CLI, 'train', '--config', configFile, '--seed', String(seed), '--backend', 'wasm', '--db', db, ...extra];
  const proc = spawn(process.execPath, args, { cwd: tmp.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  proc.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  const launched = { proc, out, done };
  started.push(launched);
  return launched;
}

/** The run of `seed` as the database has it now (undefined before the first process registers it). */
function runOf(seed: number): (RunRow & { epochs: number }) | undefined {
  let store;
  try {
    store = openResultsStore({ path: db, readonly: true });
  } catch {
    return undefined; // not created (or migrated) yet
  }
  try {
    const run = store.listRuns().find((r) => r.seed === seed);
    return run && { ...run, epochs: store.getEpochs(run.id).length };
  } finally {
    store.close();
  }
}

/** Polls `probe` every 50 ms until it returns a value, failing after `ms` with `what` and the output so far. */
async function waitFor<T>(what: string, probe: () => T | undefined | false, ms: number, p?: Launched): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`no ${what} within ${ms} ms${p ? `; stderr so far:\n${p.out.stderr}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the run of `seed` is running with at least `epochs` epoch rows. */
function running(seed: number, epochs: number, p: Launched) {
  return waitFor(
    `running run of seed ${seed} with ${epochs}+ epochs`,
    () => {
      const run = runOf(seed);
      return run?.status === 'running' && run.epochs >= epochs && run;
    },
    60_000,
    p,
  );
}

describe('cxr train: ownership across real processes', () => {
  test('the CLI child killed with SIGKILL: the next cxr train takes the run over at once (no busy) and resumes', async () => {
    const first = train(11);
    const run = await running(11, 1, first);
    process.kill(run.pid!, 'SIGKILL');
    const killed = await first.done;
    assert.equal(killed.code, 137, 'the launcher exits 128 + 9 for its killed child');
    assert.equal(runOf(11)!.status, 'running', 'nobody handed it back');
    const again = train(11);
    const { code } = await again.done;
    assert.equal(code, 0, again.out.stderr);
    assert.doesNotMatch(again.out.stdout + again.out.stderr, /busy/);
    assert.match(
      again.out.stderr,
      new RegExp(`run ${run.id}: taking over from pid ${run.pid} on host ${hostname()} \\(heartbeat [^;]+ ago; its process is gone\\)`),
    );
    assert.match(again.out.stderr, /resuming after epoch [1-9]/);
    assert.match(again.out.stdout, new RegExp(`^run ${run.id} done: test macro_auc_roc`));
    const done = runOf(11)!;
    assert.deepEqual([done.status, done.attempts, done.epochs], ['done', 2, 8]);
  });

  test('SIGINT to the launcher, launcher killed, busy, --take-over: pending each time, then finished', async (t) => {
    // SIGINT to bin/cxr.mjs: it forwards it; the child hands the run back and both exit.
    const first = train(12);
    const run = await running(12, 1, first);
    const signalled = Date.now();
    first.proc.kill('SIGINT');
    const interrupted = await first.done;
    assert.ok(Date.now() - signalled < 5000, `both exited ${Date.now() - signalled} ms after SIGINT`);
    assert.equal(interrupted.code, 130, first.out.stderr);
    assert.equal(isProcessRunning(run.pid!, run.pidStart), false, 'the CLI child is gone too');
    const said =
      /interrupted: run (\d+) handed back as pending after epoch (\d+); run the same command to resume from its checkpoint\n/.exec(
        first.out.stderr,
      );
    assert.ok(said, first.out.stderr);
    assert.equal(Number(said[1]), run.id);
    const afterSigint = runOf(12)!;
    assert.deepEqual([afterSigint.status, afterSigint.epochs], ['pending', Number(said[2])]);

    await t.test('launcher killed with SIGKILL: its child notices, hands the run back and exits within seconds', async () => {
      const second = train(12);
      const child = await running(12, afterSigint.epochs + 1, second);
      assert.match(second.out.stderr, new RegExp(`resuming after epoch ${afterSigint.epochs}`));
      second.proc.kill('SIGKILL');
      const killedAt = Date.now();
      await waitFor('exit of the orphaned CLI child', () => !isProcessRunning(child.pid!, child.pidStart), 10_000, second);
      assert.ok(Date.now() - killedAt < 8000, `child exited ${Date.now() - killedAt} ms after its launcher was killed`);
      await second.done; // its pipes close once the child is gone
      assert.match(second.out.stderr, /cxr: SIGTERM: stopping after the current batch/);
      assert.match(second.out.stderr, /interrupted: run \d+ handed back as pending after epoch \d+;/);
      assert.equal(runOf(12)!.status, 'pending');
    });

    await t.test('held by a live process: busy names it (exit 3); --take-over takes it with a warning and finishes', async () => {
      // This test process holds the run: alive, on this host, heartbeat fresh.
      const store = openResultsStore({ path: db });
      try {
        assert.ok(store.claimRun(run.id));
        const busy = train(12);
        const refused = await busy.done;
        assert.equal(refused.code, 3, busy.out.stderr);
        assert.match(
          busy.out.stdout,
          new RegExp(
            `^run ${run.id} busy: held by pid ${process.pid} on host ${hostname()} \\(heartbeat \\d+ (ms|s) ago; stale in 9 min \\d+ s\\)\\. ` +
              `Wait, or on another host use 'cxr train --take-over' / 'cxr db release ${run.id}'\\.\n$`,
          ),
        );
        const forced = train(12, ['--take-over']);
        const finished = await forced.done;
        assert.equal(finished.code, 0, forced.out.stderr);
        assert.match(
          forced.out.stderr,
          new RegExp(
            `warning: run ${run.id} taken over from pid ${process.pid} on host ${hostname()} \\(heartbeat .*\\), which may still be running`,
          ),
        );
        assert.match(forced.out.stderr, /resuming after epoch [1-9]/);
        const done = runOf(12)!;
        assert.deepEqual([done.status, done.epochs], ['done', 8]);
      } finally {
        store.close();
      }
    });
  });
});
