import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildFixtureStore } from '@cxr/report/testing';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cxr-report-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'results.db');
buildFixtureStore(db).close();

function cxr(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['experiments/bin/cxr.mjs', 'report', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('cxr report writes every experiment of the database in every format asked for, read-only', () => {
  const before = readFileSync(db);
  const out = join(dir, 'all');
  const r = cxr(['--db', db, '--out', out, '--format', 'html,md,tex,csv,json']);
  assert.equal(r.status, 0, r.stderr);
  for (const file of [
    'fixture-unfreeze.html',
    'fixture-unfreeze.md',
    'fixture-unfreeze.tex',
    'fixture-loss.html',
    'index.html',
    'runs.csv',
    'runs.json',
  ])
    assert.ok(existsSync(join(out, file)), file);
  assert.match(r.stdout, /fixture-unfreeze\.html/);
  assert.deepEqual(readFileSync(db), before, 'the database file is unchanged');
});

test('cxr report EXPERIMENT --correction bh reports only that experiment, Benjamini-Hochberg-adjusted', () => {
  const out = join(dir, 'one');
  const r = cxr(['fixture-unfreeze', '--db', db, '--out', out, '--format', 'md', '--correction', 'bh']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!existsSync(join(out, 'fixture-loss.md')));
  assert.match(readFileSync(join(out, 'fixture-unfreeze.md'), 'utf8'), /Benjamini-Hochberg/);
});

test('cxr report refuses a missing database, an unknown experiment and an unknown format by name', () => {
  const missing = cxr(['--db', join(dir, 'nope.db'), '--out', join(dir, 'x')]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /nope\.db/);
  const unknown = cxr(['table9', '--db', db, '--out', join(dir, 'x')]);
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /"table9" is neither in the database \(fixture-unfreeze, fixture-loss\) nor a defined experiment/);
  const format = cxr(['--db', db, '--format', 'pdf']);
  assert.notEqual(format.status, 0);
  assert.match(format.stderr, /unknown format "pdf"/);
});
