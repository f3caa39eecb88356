import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

test('cxr report --reference FILE adds Table 9 with that column: its rows, and the label the dataset lacks listed', () => {
  const reference = join(dir, 'my-ref.csv');
  writeFileSync(reference, 'label,auc\nCardiomegaly,0.9\npleural effusion,0.95\nair trapping,0.69\n');
  const out = join(dir, 'clinical');
  const r = cxr(['fixture-loss', '--db', db, '--out', out, '--format', 'md', '--reference', reference]);
  assert.equal(r.status, 0, r.stderr);
  const md = readFileSync(join(out, 'fixture-loss.md'), 'utf8');
  assert.match(md, /#### Table 9: per-label AUC-ROC against the reference/);
  assert.match(md, /\| Label \| my-ref \| Δ \(weighted-bce\) \|/);
  assert.match(
    md,
    /\| cardiomegaly \| 0\.900 \| [+-]\d\.\d{3} ± \d\.\d{3} \| \[[+-]\d\.\d{3}, [+-]\d\.\d{3}\] \| \d\.\d{3} ± \d\.\d{3} \|/,
  );
  assert.match(md, /\| air trapping \| 0\.690 \| not in the dataset \|/);
  assert.match(md, /\| scoliosis \| — \|/);
  assert.match(md, /Reference labels the dataset does not have \(listed without numbers\): air trapping\./);
  assert.match(md, /#### Table 10: calibration and operating points, class-balanced focal/);
});

test('cxr report --clinical adds the section with the Liz, EffNet column; without it there is none', () => {
  const out = join(dir, 'clinical-default');
  const r = cxr(['fixture-unfreeze', '--db', db, '--out', out, '--format', 'md', '--clinical']);
  assert.equal(r.status, 0, r.stderr);
  const md = readFileSync(join(out, 'fixture-unfreeze.md'), 'utf8');
  assert.match(md, /\| Label \| Liz, EffNet \|/);
  assert.match(md, /\| aortic elongation \| 0\.846 \| not in the dataset \|/);
  const plain = join(dir, 'plain');
  assert.equal(cxr(['fixture-unfreeze', '--db', db, '--out', plain, '--format', 'md']).status, 0);
  assert.doesNotMatch(readFileSync(join(plain, 'fixture-unfreeze.md'), 'utf8'), /Clinical evaluation/);
});

test('cxr report --reference refuses a bad file, naming the file, row and field', () => {
  const bad = join(dir, 'bad-ref.csv');
  writeFileSync(bad, 'label,auc\ncardiomegaly,1.5\n');
  const r = cxr(['--db', db, '--out', join(dir, 'x'), '--reference', bad]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /bad-ref\.csv row 2 field "auc": expected an AUC-ROC in \[0, 1\], received 1\.5/);
});
