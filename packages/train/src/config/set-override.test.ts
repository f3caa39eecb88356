import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { presetConfig } from './presets.ts';
import { resolveConfig } from './resolve.ts';
import { overrideFromSet } from './set-override.ts';

describe('overrideFromSet', () => {
  test('a dotted key becomes a nested layer; the value is JSON when it parses, else a string', () => {
    assert.deepEqual(overrideFromSet('model.backbone=mobilenetv2'), {
      source: '--set model.backbone=mobilenetv2',
      values: { model: { backbone: 'mobilenetv2' } },
    });
    assert.deepEqual(overrideFromSet('epochs=3').values, { epochs: 3 });
    assert.deepEqual(overrideFromSet('mixup=null').values, { mixup: null });
    assert.deepEqual(overrideFromSet('split.fractions=[0.8,0.1,0.1]').values, { split: { fractions: [0.8, 0.1, 0.1] } });
    assert.deepEqual(overrideFromSet('dataset.dataDir=/data/a=b').values, { dataset: { dataDir: '/data/a=b' } });
    assert.deepEqual(overrideFromSet('model.init={"weights":"w"}').values, { model: { init: { weights: 'w' } } });
    const r = resolveConfig(presetConfig('smoke'), [
      overrideFromSet('schedule.rampup.decay=0.9'),
      overrideFromSet('model.init=pretrained'),
    ]);
    assert.equal(r.schedule.rampup!.decay, 0.9);
    assert.equal(r.model.init, 'pretrained');
  });

  test('an unknown key gets the same did-you-mean and valid keys as a config file', () => {
    assert.throws(
      () => overrideFromSet('model.backbnoe=mobilenetv2'),
      /^TrainConfigError: --set model.backbnoe=mobilenetv2: config key 'model.backbnoe': unknown key \(did you mean 'backbone'\?\); valid keys: backbone, head, init, unfreeze, featurePyramid, patientInputs$/,
    );
    assert.throws(
      () => overrideFromSet('epoch=3'),
      /--set epoch=3: config key 'epoch': unknown key \(did you mean 'epochs'\?\); valid keys: dataset, split/,
    );
  });

  test('a missing =, an empty key or a key below a value is refused, naming the flag', () => {
    assert.throws(
      () => overrideFromSet('epochs'),
      /^TrainConfigError: --set epochs: config key 'epochs': expected KEY=VALUE \(e.g. model.backbone=mobilenetv2\), received "epochs"$/,
    );
    assert.throws(() => overrideFromSet('=3'), /--set =3: config key '\(root\)': expected KEY=VALUE/);
    assert.throws(
      () => overrideFromSet('model..backbone=x'),
      /--set model..backbone=x: config key 'model..backbone': expected a dotted key such as model.backbone, received "model..backbone"/,
    );
    assert.throws(
      () => overrideFromSet('epochs.max=3'),
      /--set epochs.max=3: config key 'epochs.max': 'epochs' is a number value, not a section with keys/,
    );
    assert.throws(
      () => overrideFromSet('model.head.0.units=64'),
      /config key 'model.head.0': 'model.head' is a array value, not a section with keys; set it whole, e.g. model.head=\[\.\.\.\]/,
    );
  });

  test('a value of the wrong type fails in resolveConfig, naming the --set flag', () => {
    assert.throws(
      () => resolveConfig(presetConfig('smoke'), [overrideFromSet('model.backbone=mobilenet-v2')]),
      /--set model.backbone=mobilenet-v2: config key 'model.backbone': expected one of .*, received "mobilenet-v2" \(did you mean 'mobilenetv2'\?\)/,
    );
    assert.throws(
      () => resolveConfig(presetConfig('smoke'), [overrideFromSet('epochs=many')]),
      /--set epochs=many: config key 'epochs': expected a finite number, received "many"/,
    );
  });
});
