import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BACKBONE_NAMES } from '@cxr/models';

function cxr(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['experiments/bin/cxr.mjs', 'models', 'summary', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cxr models summary', () => {
  test('--json reports the Keras counts of the bare backbone (MobileNetV2: 2,257,984, Keras Applications)', () => {
    const r = cxr('--backbone', 'mobilenetv2', '--input', '64', '--json');
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.backbone, 'mobilenetv2');
    assert.equal(s.input, 64);
    assert.equal(s.totalParams, 2_257_984);
    assert.equal(s.trainableParams + s.nonTrainableParams, s.totalParams);
    assert.equal(s.layers, 154);
    assert.deepEqual(s.featureShape, [2, 2, 1280]);
    assert.ok(s.flops > 0);
  });

  test('head and unfreeze change the trainable count; text output names the figures', () => {
    const all = JSON.parse(cxr('--backbone', 'cnn4', '--input', '32', '--head', '256/0.30->128/0.30', '--json').stdout);
    const part = JSON.parse(
      cxr('--backbone', 'cnn4', '--input', '32', '--head', '256/0.30->128/0.30', '--unfreeze', '0.5', '--json').stdout,
    );
    assert.deepEqual(all.outputShape, [10]);
    assert.equal(part.totalParams, all.totalParams);
    assert.ok(part.trainableParams < all.trainableParams);
    const text = cxr('--backbone', 'cnn3', '--input', '32', '--channels', '1');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /total params\s+23,744/);
    assert.match(text.stdout, /forward FLOPs/);
    // seed 003's transfer: the logits layer alone over a frozen ResNet18 (512 x 15 + 15 trainable)
    const last = cxr(
      '--backbone',
      'resnet18',
      '--input',
      '32',
      '--channels',
      '3',
      '--head',
      'logits',
      '--classes',
      '15',
      '--unfreeze',
      '0',
    );
    assert.equal(last.status, 0, last.stderr);
    assert.match(last.stdout, /head\s+15 logits on the pooled features/);
    assert.match(last.stdout, /trainable params\s+7,695\n/);
  });

  test('--all prints one row per registry entry; a backbone that cannot take the input gets its error, not a crash', () => {
    // 40 px: not a multiple of 16, so the U-Nets refuse it; counts do not depend on the input size.
    const r = cxr('--all', '--input', '40', '--json');
    assert.equal(r.status, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { backbone: string; totalParams?: number; trainableParams?: number; error?: string }[];
    assert.deepEqual(
      rows.map((x) => x.backbone),
      BACKBONE_NAMES,
    );
    const byName = new Map(rows.map((x) => [x.backbone, x]));
    assert.equal(byName.get('alexnet')!.totalParams, 2_469_696);
    assert.equal(byName.get('resnet18')!.trainableParams, 11_176_512);
    assert.equal(byName.get('custom-resnet')!.totalParams, 314_816);
    assert.match(byName.get('unet')!.error!, /unet features\(inputSize\): expected a multiple of 16, received 40/);
    assert.match(byName.get('residual-unet')!.error!, /expected a multiple of 16/);
    const both = cxr('--all', '--backbone', 'cnn3');
    assert.equal(both.status, 1);
    assert.match(both.stderr, /give --backbone NAME or --all, not both/);
  });

  test('an unknown backbone exits 1 listing the valid names', () => {
    const r = cxr('--backbone', 'vgg', '--json');
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /expected one of cnn3, cnn4, cnn5, cnn6, mobilenetv2, resnet50v2, efficientnetb0, densenet121, .*alexnet, .*residual-unet.*, received "vgg"/,
    );
  });
});
