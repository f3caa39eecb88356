#!/usr/bin/env node
// Runs every *.test.ts under the given roots (default: packages/ and experiments/) with node's
// test runner through tsx, so the summary line (pass/fail counts) is node's own.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const files = (roots.length ? roots : ['packages', 'experiments']).flatMap((r) => collect(join(root, r), [])).sort();
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${roots.join(', ') || 'packages, experiments'}`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', ...passThrough, ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, CXR_TEST: '1' } });
process.exit(result.status ?? 1);
