import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..', '..');

describe('cxr bench train', () => {
  test('measures one cell and prints it as JSON', () => {
    const r = spawnSync(
      process.execPath,
      [
        'experiments/bin/cxr.mjs',
        'bench',
        'train',
        '--backbone',
        'cnn5',
        '--size',
        '32',
        '--batch',
        '2',
        '--backend',
        'wasm',
        '--mode',
        'train',
        '--steps',
        '1',
        '--json',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const cells = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    assert.equal(cells.length, 1);
    const c = cells[0];
    assert.deepEqual(
      { ...c, imagesPerSecond: 0 },
      { backbone: 'cnn5', size: 32, batch: 2, backend: 'wasm', mode: 'train', imagesPerSecond: 0 },
    );
    assert.ok(c.imagesPerSecond > 0, String(c.imagesPerSecond));
    // stderr: the plan with its estimate first, then a line per finished cell, nothing of tfjs'
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0]!, /^bench plan: 1 cells \(backends wasm; sizes 32 px; 1 backbones; modes train\), estimated ~\d/);
    assert.match(lines[1]!, /^ {2}1\/1 wasm cnn5 32px train ~\d/);
    assert.match(lines[2]!, /^cell 1\/1 wasm cnn5 32px train: \d+\.\d img\/s in .*, done$/);
    assert.equal(lines.length, 3, r.stderr);
  });

  test('--wasm-kernels required --profile: a table with its own column and the profile of one step', () => {
    const r = spawnSync(
      process.execPath,
      [
        'experiments/bin/cxr.mjs',
        'bench',
        'train',
        '--backbone',
        'cnn5',
        '--size',
        '32',
        '--batch',
        '2',
        '--backend',
        'wasm',
        '--mode',
        'train',
        '--steps',
        '1',
        '--wasm-kernels',
        'required',
        '--profile',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /images\/s\s+wasm\(required kernels\) train\ncnn5 32px b2\s+\d+\.\d/);
    // the slowest row may be tfjs' 'unnamed scope' (batch norm's customGrad), a name with a space
    assert.match(
      r.stdout,
      /profile of one step, cnn5 32px b2 wasm\(required kernels\) train: \d+ kernel launches, \d+ ms in kernels\n {2}\w+( \w+)*\s+\d+\.\d ms\s+\d+ calls/,
    );
  });

  test('--profile --json: the fused gradient kernels run with the full kernel set, not with the required one', () => {
    const kernelsRun = (set: string) => {
      const r = spawnSync(
        process.execPath,
        [
          'experiments/bin/cxr.mjs',
          'bench',
          'train',
          '--backbone',
          'cnn5',
          '--size',
          '32',
          '--batch',
          '2',
          '--backend',
          'wasm',
          '--mode',
          'train',
          '--steps',
          '1',
          '--wasm-kernels',
          set,
          '--profile',
          '--json',
        ],
        { cwd: root, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      const [cell] = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
      assert.ok(cell.profile.kernels > 0);
      return (cell.profile.top as { kernel: string }[]).map((k) => k.kernel);
    };
    const all = kernelsRun('all');
    const required = kernelsRun('required');
    assert.ok(all.includes('CxrBatchNormTrainingGrad') && all.includes('CxrMaskGrad'), all.join(' '));
    assert.ok(!required.some((k) => k.startsWith('Cxr')), required.join(' '));
  });

  test('an unknown backend is refused with the choices', () => {
    const r = spawnSync(process.execPath, ['experiments/bin/cxr.mjs', 'bench', 'train', '--backend', 'metal'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Choices: "tensorflow-gpu", "tensorflow", "webgpu", "wasm", "cpu"/);
  });
});
