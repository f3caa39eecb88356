/**
 * Starts one sweep worker: the `cxr` CLI itself (through tsx, as bin/cxr.mjs runs it) with the
 * hidden `sweep worker` command and an IPC channel. Its stdout goes to the parent's stderr, so a
 * sweep's `--json` stdout carries only the summary.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WorkerProcess } from './run-cells.ts';

const require = createRequire(import.meta.url);
/** The CLI entry a worker runs. */
export const CLI_MAIN = join(import.meta.dirname, '..', 'cli', 'main.ts');

export interface WorkerArgs {
  db: string;
  /** A started backend's name (never 'auto': the parent chose it once). */
  backend: string;
  weightsRoot: string;
  dataRoot: string;
}

/**
 * @example const worker = forkSweepWorker({ db: '/abs/results.db', backend: 'wasm', weightsRoot: 'weights', dataRoot: 'data' })
 */
export function forkSweepWorker(a: WorkerArgs): WorkerProcess {
  const child = fork(
    CLI_MAIN,
    ['sweep', 'worker', '--db', a.db, '--backend', a.backend, '--weights-root', a.weightsRoot, '--data-root', a.dataRoot],
    { execArgv: ['--import', require.resolve('tsx')], stdio: ['ignore', 2, 2, 'ipc'], serialization: 'json' },
  );
  // A message to a worker that just died fails; its exit is what the scheduler acts on.
  child.on('error', () => {});
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (child.connected) child.send(message, () => {});
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', listener);
    },
    kill: (signal) => {
      child.kill(signal);
    },
  };
}
