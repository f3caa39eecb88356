import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const tmp = makeTempDir('cli-train');
after(tmp.cleanup);

function cxr(...args: string[]) {
  return spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

describe('cxr train refuses a config before choosing a backend or opening the database', () => {
  test('init pretrained without the weights of cxr pretrain: says which command makes them', () => {
    const db = join(tmp.dir, 'a.db');
    const r = cxr('train', '--preset', 'paper', '--dataset', 'phantom', '--db', db);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /^cxr: checkRunPrerequisites: config key 'model.init': no pretrained efficientnetb0 weights for 224 px, 3 channel\(s\) at .*; make them with: npx cxr pretrain --backbone efficientnetb0 --size 224 --channels 3, or train from scratch with --set model.init=random\n$/,
    );
    assert.equal(existsSync(db), false, 'no database was opened');
  });

  test('a malformed config file is named with line and column', () => {
    const file = join(tmp.dir, 'bad.json');
    writeFileSync(file, '{\n  "extends": "smoke",\n  "epochs": 2,,\n}\n');
    const db = join(tmp.dir, 'b.db');
    const r = cxr('train', '--config', file, '--db', db);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^cxr: .*bad\.json:3:15: config key '\(root\)': not valid JSON: .* \(line 3, column 15\)\n$/);
    assert.equal(existsSync(db), false);
  });
});
