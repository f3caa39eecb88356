#!/usr/bin/env node
// Launcher: runs the TypeScript CLI through tsx so `npx cxr` works without a build step.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsxLoader = require.resolve('tsx');
const entry = join(here, '..', 'src', 'cli', 'main.ts');
const result = spawnSync(process.execPath, ['--import', tsxLoader, entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (result.error) throw result.error;
process.exit(result.status ?? (result.signal ? 1 : 0));
