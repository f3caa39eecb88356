// Shared by run-tests.mjs and run-benches.mjs: the files under the given roots whose names end in
// `suffix`, relative to the repo root, sorted; node_modules and dot-folders are skipped.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function collectFiles(root, roots, suffix) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(suffix)) out.push(relative(root, full));
    }
  };
  for (const r of roots) {
    const full = join(root, r);
    if (statSync(full).isFile()) out.push(relative(root, full));
    else walk(full);
  }
  return out.sort();
}

/** Splits argv into roots (plain words) and flags passed through (words starting with '-'). */
export function splitArgs(argv) {
  return { roots: argv.filter((a) => !a.startsWith('-')), flags: argv.filter((a) => a.startsWith('-')) };
}
