#!/usr/bin/env node
// `npm run bench`: runs every *.bench.ts under packages/ and experiments/ (or the roots given) one
// after another with tsx, so each prints its own table. Extra --flags are passed to each script.
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
    else if (name.endsWith('.bench.ts')) out.push(relative(root, full));
  }
  return out;
}

const files = (roots.length ? roots : ['packages', 'experiments']).flatMap((r) => collect(join(root, r), [])).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...passThrough], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
