#!/usr/bin/env node
// Launcher: runs the TypeScript CLI through tsx so `npx cxr` works without a build step.
// The CLI runs as a child process: SIGINT, SIGTERM and SIGHUP sent to this launcher are passed on
// to it, this launcher exits with its exit code (128 + signal number when a signal ended it), and
// an IPC channel lets the child notice when this launcher is gone (even after kill -9) and stop.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsxLoader = require.resolve('tsx');
const entry = join(here, '..', 'src', 'cli', 'main.ts');
const child = spawn(process.execPath, ['--import', tsxLoader, entry, ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});

const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of forwarded) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`cxr: cannot start the CLI (${error.message})`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
