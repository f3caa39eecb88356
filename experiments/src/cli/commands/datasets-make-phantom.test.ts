import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@cxr/testkit';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const { dir, cleanup } = makeTempDir('cli-phantom');
after(cleanup);

function cxr(...args: string[]) {
  return spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

describe('cxr datasets make-phantom / contact-sheet', () => {
  test('writes a small set, reuses it, and tiles a contact sheet', () => {
    const out = join(dir, 'set');
    const made = cxr('datasets', 'make-phantom', '--out', out, '--images', '120', '--size', '32', '--seed', '3');
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /phantom: wrote 120 images \(.*PA \d+.*\) of \d+ patients \/ \d+ studies/);
    assert.ok(existsSync(join(out, 'PADCHEST_chest_x_ray_images_labels_160K_01.02.19.csv')));
    const again = cxr('datasets', 'make-phantom', '--out', out, '--images', '120', '--size', '32', '--seed', '3');
    assert.match(again.stdout, /already complete/);
    const sheet = cxr('datasets', 'contact-sheet', '--data-dir', out, '--out', join(dir, 'sheet.png'), '--scale', '1');
    assert.equal(sheet.status, 0, sheet.stderr);
    assert.ok(existsSync(join(dir, 'sheet.png')));
  });

  test('--layout chexpert writes CheXpert-v1.0-small/train.csv and valid.csv', () => {
    const out = join(dir, 'chexpert');
    const made = cxr('datasets', 'make-phantom', '--out', out, '--images', '24', '--size', '16', '--layout', 'chexpert');
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /phantom: wrote 24 images .*\(chexpert layout\)/);
    assert.ok(existsSync(join(out, 'CheXpert-v1.0-small', 'train.csv')));
    assert.ok(existsSync(join(out, 'CheXpert-v1.0-small', 'valid.csv')));
  });

  test('a bad label set is refused with the valid choices', () => {
    const r = cxr('datasets', 'make-phantom', '--out', join(dir, 'x'), '--labels', 'nih14');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Choices: "padchest10"/);
  });
});
