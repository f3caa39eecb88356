#!/usr/bin/env node
// `npm run bench`: runs every *.bench.ts under the given folders or files (default: packages/ and
// experiments/) one after another with tsx, so each prints its own figures. Extra --flags are
// passed to each script. Prints the list of files first and "i/N file done in X s" after each.
import { spawnSync } from 'node:child_process';
import { collectFiles, splitArgs } from './collect-files.mjs';

const { roots, flags } = splitArgs(process.argv.slice(2));
const files = collectFiles(process.cwd(), roots.length ? roots : ['packages', 'experiments'], '.bench.ts');
console.log(`bench: ${files.length} files${flags.length ? ` with ${flags.join(' ')}` : ''}:`);
for (const [i, file] of files.entries()) console.log(`  ${i + 1}/${files.length} ${file}`);
let failed = 0;
const started = performance.now();
for (const [i, file] of files.entries()) {
  console.log(`\n== ${i + 1}/${files.length} ${file}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
  const took = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${i + 1}/${files.length} ${file} ${r.status === 0 ? 'done' : `failed (exit ${r.status ?? r.signal})`} in ${took} s`);
}
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\nbench: ${files.length - failed}/${files.length} files done in ${total} s${failed ? `, ${failed} failed` : ''}`);
process.exit(failed ? 1 : 0);
