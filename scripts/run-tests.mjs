#!/usr/bin/env node
// Runs every *.test.ts under the given folders or files (default: packages/ and experiments/) with
// node's test runner through tsx, so the summary line (pass/fail counts) is node's own.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { collectFiles, splitArgs } from './collect-files.mjs';

const { roots, flags } = splitArgs(process.argv.slice(2));
const files = collectFiles(process.cwd(), roots.length ? roots : ['packages', 'experiments'], '.test.ts');
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${roots.join(', ') || 'packages, experiments'}`);
  process.exit(1);
}
// node runs availableParallelism() - 1 files at once by default: one at a time on a 2-core CI
// machine, where most test files are one single-threaded process (wasm kernels, the CLI spawns
// wait on tsx start-up), so one file per core fills both. A --test-concurrency flag given wins.
const concurrency = flags.some((f) => f.startsWith('--test-concurrency')) ? [] : [`--test-concurrency=${availableParallelism()}`];
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', ...concurrency, ...flags, ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, CXR_TEST: '1' } });
process.exit(result.status ?? 1);
