import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@cxr/testkit';
import { ReportError } from './errors.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

const { dir, cleanup } = makeTempDir('report-atomic');
after(cleanup);

test('writeFileAtomic replaces the file and leaves no temp, removing one a dead writer left', () => {
  const path = join(dir, 'index.html');
  writeFileSync(`${path}.tmp-999999999`, 'half'); // pid 999999999 cannot be running
  writeFileAtomic(path, 'one');
  writeFileAtomic(path, 'two');
  assert.equal(readFileSync(path, 'utf8'), 'two');
  assert.deepEqual(readdirSync(dir), ['index.html']);
});

test('writeFileAtomic names the file it could not write and cleans up', () => {
  const target = join(dir, 'a-folder');
  mkdirSync(target);
  mkdirSync(join(target, 'x')); // renaming a file over a non-empty folder fails
  writeFileSync(join(target, 'x', 'y'), '');
  assert.throws(
    () => writeFileAtomic(target, 'text'),
    (e: Error) => e instanceof ReportError && e.message.startsWith(`writeFileAtomic(${target}): could not write the file:`),
  );
  assert.deepEqual(readdirSync(dir).sort(), ['a-folder', 'index.html']);
});
