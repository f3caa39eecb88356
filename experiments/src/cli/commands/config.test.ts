import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { configHash } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { presetConfig, resolveConfig } from '@cxr/train';
import { z } from 'zod';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const tmp = makeTempDir('cli-config');
after(tmp.cleanup);

function cxr(...args: string[]) {
  return spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

describe('cxr config', () => {
  test('schema prints a JSON Schema that every preset, written as a config file, satisfies', () => {
    const r = cxr('config', 'schema');
    assert.equal(r.status, 0, r.stderr);
    const editor = z.fromJSONSchema(JSON.parse(r.stdout) as never);
    assert.ok(editor.safeParse({ $schema: './run-config.schema.json', extends: 'paper', ...presetConfig('paper') }).success);
    assert.equal(editor.safeParse({ model: { backbone: 'mobilenet-v2' } }).success, false);
  });

  test('show prints the resolved config of a file and --set flags, the same as resolveConfig', () => {
    const file = join(tmp.dir, 'c.json');
    writeFileSync(file, JSON.stringify({ extends: 'smoke', epochs: 3 }));
    const r = cxr('config', 'show', '--config', file, '--set', 'model.backbone=cnn4', '--set', 'mixup={"alpha":0.2}');
    assert.equal(r.status, 0, r.stderr);
    const expected = resolveConfig(presetConfig('smoke'), [
      { source: 't', values: { epochs: 3, model: { backbone: 'cnn4' }, mixup: { alpha: 0.2 } } },
    ]);
    assert.deepEqual(JSON.parse(r.stdout), expected);
    const hash = cxr('config', 'show', '--preset', 'smoke', '--hash');
    assert.equal(hash.stdout.trim(), configHash(resolveConfig(presetConfig('smoke'))));
    const moved = cxr('config', 'show', '--preset', 'smoke', '--data-dir', tmp.dir, '--hash');
    assert.equal(moved.stdout.trim(), hash.stdout.trim(), 'the hash runs are registered under leaves out --data-dir');
  });

  test('show refuses a --set typo with did-you-mean (exit 1)', () => {
    const r = cxr('config', 'show', '--preset', 'smoke', '--set', 'model.backbone=mobilenet-v2');
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /cxr: --set model.backbone=mobilenet-v2: config key 'model.backbone': expected one of .*\(did you mean 'mobilenetv2'\?\)/,
    );
  });
});
