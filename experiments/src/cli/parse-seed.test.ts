import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { CliArgumentError, MAX_SEED, parseSeed } from './parse-seed.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const tmp = makeTempDir('cli-seed');
after(tmp.cleanup);

describe('parseSeed', () => {
  test('accepts decimal digits from 0 to 2^31-1', () => {
    assert.equal(parseSeed('0', 'cxr train'), 0);
    assert.equal(parseSeed('42', 'cxr train'), 42);
    assert.equal(parseSeed('007', 'cxr train'), 7);
    assert.equal(parseSeed(String(MAX_SEED), 'cxr train'), 2147483647);
  });

  for (const text of ['', 'abc', '1.5', '-1', '+1', '1e3', ' 1', '1 ', '0x10', '2147483648', '99999999999']) {
    test(`refuses ${JSON.stringify(text)} naming the command and flag and quoting it`, () => {
      assert.throws(
        () => parseSeed(text, 'cxr train'),
        (error: unknown) =>
          error instanceof CliArgumentError &&
          error.message === `cxr train: --seed must be an integer from 0 to 2147483647, received ${JSON.stringify(text)}`,
      );
    });
  }

  test('refuses a number, a repeated flag and a missing value, and names another flag', () => {
    assert.throws(() => parseSeed(3, 'cxr pretrain'), /^CliArgumentError: cxr pretrain: --seed must be .*, received 3$/);
    assert.throws(() => parseSeed(['1', '2'], 'cxr train'), /received an array of length 2$/);
    assert.throws(
      () => parseSeed(undefined, 'cxr x', '--split-seed'),
      /^CliArgumentError: cxr x: --split-seed must be .*, received undefined$/,
    );
  });
});

describe('the seed flags through the CLI', () => {
  const cxr = (...args: string[]) => spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });

  test("cxr train --seed '' exits 1 with the message, before opening the database", () => {
    const db = join(tmp.dir, 'a.db');
    const r = cxr('train', '--preset', 'smoke', '--seed', '', '--db', db);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'cxr train: --seed must be an integer from 0 to 2147483647, received ""\n');
    assert.equal(existsSync(db), false);
  });

  test('cxr datasets make-phantom --seed abc exits 1 and writes nothing', () => {
    const out = join(tmp.dir, 'ph');
    const r = cxr('datasets', 'make-phantom', '--out', out, '--seed', 'abc');
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'cxr datasets make-phantom: --seed must be an integer from 0 to 2147483647, received "abc"\n');
    assert.equal(existsSync(out), false);
  });
});
