/**
 * Test helpers for the sweep's process tests (*.test.ts only): start `node bin/cxr.mjs ...` in a
 * folder with the test experiments hook on, collect its output, wait for what the database says.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openResultsStore, type RunRow } from '@cxr/results';

export const CLI = join(import.meta.dirname, '..', '..', '..', 'bin', 'cxr.mjs');
export const FIXTURES = join(import.meta.dirname, 'fixture-experiments.ts');

export interface Launched {
  proc: ChildProcess;
  out: { stdout: string; stderr: string };
  /** Resolves when the launcher has exited and its pipes are closed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node bin/cxr.mjs ARGS` in `cwd` with CXR_TEST=1 and the fixture experiments; `env` adds variables. */
export function cxr(cwd: string, args: string[], env: Record<string, string> = {}): Launched {
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CXR_TEST: '1', CXR_TEST_EXPERIMENTS: FIXTURES, ...env },
  });
  const out = { stdout: '', stderr: '' };
  proc.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { proc, out, done };
}

/** Every run in `db` with its epoch rows counted; [] when the database is not there yet. */
export function runsIn(db: string): (RunRow & { epochs: number[] })[] {
  let store;
  try {
    store = openResultsStore({ path: db, readonly: true });
  } catch {
    return [];
  }
  try {
    return store.listRuns().map((r) => ({ ...r, epochs: store.getEpochs(r.id).map((e) => e.epoch) }));
  } finally {
    store.close();
  }
}

/** `PRAGMA integrity_check` of `db`: 'ok' for a sound file. */
export function integrityCheck(db: string): string {
  const store = openResultsStore({ path: db, readonly: true });
  try {
    return store.db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    store.close();
  }
}

/** Polls `probe` every 100 ms until it returns a truthy value; fails after `ms` naming `what` and the output so far. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | null, ms: number, p?: Launched): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms${p ? `; stderr so far:\n${p.out.stderr}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The child processes of `pid` (Linux /proc), e.g. the CLI process bin/cxr.mjs started. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * The arguments of `cxr sweep test-two-levels` on the smoke profile at seed 1 on wasm, into `db`
 * with `workers` worker processes (the real-process sweep tests' common run).
 *
 * @example cxr(dir, [...smokeSweepArgs(db, 2), '--out', join(dir, 'r')])
 */
export function smokeSweepArgs(db: string, workers: number): string[] {
  return ['sweep', 'test-two-levels', '--profile', 'smoke', '--seeds', '1', '--db', db, '--workers', String(workers), '--backend', 'wasm'];
}
