#!/usr/bin/env node
// `npm run bench`: runs every *.bench.ts under the given folders or files (default: packages/ and
// experiments/) one after another with tsx, so each prints its own figures. Extra --flags are
// passed to each script.
import { spawnSync } from 'node:child_process';
import { collectFiles, splitArgs } from './collect-files.mjs';

const { roots, flags } = splitArgs(process.argv.slice(2));
const files = collectFiles(process.cwd(), roots.length ? roots : ['packages', 'experiments'], '.bench.ts');
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
