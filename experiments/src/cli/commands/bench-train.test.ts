import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..', '..');

describe('cxr bench train', () => {
  test('measures one cell and prints it as JSON', () => {
    const r = spawnSync(process.execPath, ['experiments/bin/cxr.mjs', 'bench', 'train', '--backbone', 'cnn5', '--size', '32', '--batch', '2', '--backend', 'wasm', '--mode', 'train', '--steps', '1', '--json'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const cells = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    assert.equal(cells.length, 1);
    const c = cells[0];
    assert.deepEqual({ ...c, imagesPerSecond: 0 }, { backbone: 'cnn5', size: 32, batch: 2, backend: 'wasm', mode: 'train', imagesPerSecond: 0 });
    assert.ok(c.imagesPerSecond > 0, String(c.imagesPerSecond));
  });

  test('an unknown backend is refused with the choices', () => {
    const r = spawnSync(process.execPath, ['experiments/bin/cxr.mjs', 'bench', 'train', '--backend', 'webgpu'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Choices: "tensorflow-gpu", "tensorflow", "wasm", "cpu"/);
  });
});
