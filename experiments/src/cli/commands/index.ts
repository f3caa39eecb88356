/**
 * Loads every command module in this folder (each file default-exports a CliCommand or an array
 * of them), so commands are added by adding a file; nothing else needs editing.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliCommand } from '../command-types.ts';

export async function loadCommands(): Promise<CliCommand[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
    .sort();
  const out: CliCommand[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as { default?: CliCommand | CliCommand[] };
    if (!mod.default) throw new Error(`loadCommands: ${file} has no default export (expected a CliCommand or an array of them)`);
    out.push(...(Array.isArray(mod.default) ? mod.default : [mod.default]));
  }
  return out;
}
