import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configHash } from '@cxr/results';
import { baseLearningRates } from './base-rates.ts';
import { PRESET_NAMES, presetConfig } from './presets.ts';
import { configFromJson, resolveConfig } from './resolve.ts';

describe('run config', () => {
  test('every preset is a complete, valid config', () => {
    assert.deepEqual(PRESET_NAMES, ['paper', 'thesis-intermediate', 'thesis-final', 'smoke']);
    for (const name of PRESET_NAMES) resolveConfig(presetConfig(name));
    const final = presetConfig('thesis-final');
    assert.equal(final.model.backbone, 'mobilenetv2');
    assert.deepEqual(final.model.head, [
      { units: 256, dropout: 0.3 },
      { units: 128, dropout: 0.3 },
    ]);
    assert.deepEqual(final.sampling.oversample, { maxRepeats: 2 });
    assert.equal(presetConfig('smoke').image.size, 32);
  });

  test('overrides deep-merge in order, null switches a section off, an object switches it on from defaults', () => {
    const base = presetConfig('smoke');
    const r = resolveConfig(base, [
      { source: 'a', values: { schedule: { plateau: { patience: 3 } }, epochs: 5 } },
      { source: 'b', values: { epochs: 7, cutmix: null, mixup: { alpha: 0.2 }, schedule: { rampup: { decay: 0.9 } } } },
    ]);
    assert.equal(r.epochs, 7);
    assert.equal(r.schedule.plateau!.patience, 3);
    assert.equal(r.schedule.plateau!.factor, base.schedule.plateau!.factor);
    assert.equal(r.cutmix, null);
    assert.deepEqual(r.mixup, { alpha: 0.2, p: 0.5 });
    assert.deepEqual(r.schedule.rampup, { startFactor: 0.1, minFactor: 0.05, rampupEpochs: 5, sustainEpochs: 0, decay: 0.9 });
    assert.ok(Object.isFrozen(r.schedule.plateau));
    assert.equal(base.epochs, 2, 'base untouched');
    assert.deepEqual(resolveConfig(base, [{ source: 'c', values: { model: { init: { weights: '/w' } } } }]).model.init, { weights: '/w' });
  });

  test('a typo fails before any work, naming the source, the key and the valid keys', () => {
    const base = presetConfig('smoke');
    assert.throws(
      () => resolveConfig(base, [{ source: 'my.json', values: { schedule: { plateau: { patiense: 3 } } } as never }]),
      /my.json: config key 'schedule.plateau.patiense': unknown key \(did you mean 'patience'\?\); valid keys: factor, patience, minDelta, cooldown, minLr/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { epoch: 3 } as never }]),
      /x: config key 'epoch': unknown key \(did you mean 'epochs'\?\); valid keys: dataset, split, image/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { loss: { name: 'bce' } } as never }]),
      /x: config key 'loss.name': expected one of "weighted-bce", "pos-weight-bce", "focal", "cb-focal", received "bce"/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { epochs: 0 } }]),
      /config key 'epochs': expected a number >= 1, received 0/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { batchSize: 2.5 } }]),
      /config key 'batchSize': expected an integer, received 2.5/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { image: { channels: 2 } } as never }]),
      /'image.channels': expected one of 1, 3, received 2/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { model: { init: 'imagenet' } } as never }]),
      /'model.init': expected 'random', 'pretrained' or \{"weights": DIR\}, received "imagenet"/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { split: { fractions: [0.5, 0.5] } } }]),
      /'split.fractions': expected 3 entries, received 2/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { model: { head: [{ units: 4, dropout: 0.1, act: 'relu' }] } } as never }]),
      /'model.head\[0\].act': unknown key; valid keys: units, dropout/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { dataset: { labels: 'a' } } as never }]),
      /'dataset.labels': expected an array, received "a"/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { dataset: { dataDir: '' } } }]),
      /'dataset.dataDir': expected a non-empty string, received ""/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: { split: { officialTest: 1 } } as never }]),
      /'split.officialTest': expected true or false, received 1/,
    );
    assert.throws(
      () => resolveConfig(base, [{ source: 'x', values: [] as never }]),
      /x: config key '\(root\)': expected an object, received an array of length 0/,
    );
    const { epochs: _omit, ...incomplete } = base;
    assert.throws(() => resolveConfig(incomplete as never), /resolveConfig\(base\): config key 'epochs': missing/);
    assert.throws(
      () => resolveConfig(base, [{ source: 's', values: { epochs: Number.NaN } }]),
      /s: config key 'epochs': expected a finite number, received NaN/,
    );
    assert.throws(() => resolveConfig(base, [{ source: 's', values: { model: { unfreeze: 5 } } }]), /expected a number <= 1, received 5/);
    assert.throws(
      () => resolveConfig(base, [{ source: 's', values: { dataset: { labels: [] } } }]),
      /'dataset.labels': expected at least 1 entries, received 0/,
    );
    assert.throws(
      () => presetConfig('smok'),
      /presetConfig: config key 'preset': unknown preset "smok" \(did you mean 'smoke'\?\); valid presets: paper, thesis-intermediate, thesis-final, smoke/,
    );
  });

  test('names come from their registries: backbones, losses, datasets, policies, optimisers, monitors, with did-you-mean', () => {
    const base = presetConfig('smoke');
    const fails = (values: object, pattern: RegExp) => assert.throws(() => resolveConfig(base, [{ source: 'my.json', values }]), pattern);
    fails(
      { model: { backbone: 'mobilenet-v2' } },
      /^TrainConfigError: my.json: config key 'model.backbone': expected one of "cnn3", "cnn4", "cnn5", "cnn6", "mobilenetv2", "resnet50v2", "efficientnetb0", "densenet121", (?:"[a-z0-9-]+", )*received "mobilenet-v2" \(did you mean 'mobilenetv2'\?\)$/,
    );
    fails(
      { model: { backbone: 'vgg16' } },
      /'model.backbone': expected one of "cnn3", .*"densenet121", .*"residual-unet".*, received "vgg16"$/,
    );
    fails(
      { loss: { name: 'focall' } },
      /'loss.name': expected one of "weighted-bce", "pos-weight-bce", "focal", "cb-focal", received "focall" \(did you mean 'focal'\?\)/,
    );
    fails(
      { dataset: { name: 'padchst' } },
      /'dataset.name': expected one of "padchest", "nih", "chexpert", "phantom", received "padchst" \(did you mean 'padchest'\?\)/,
    );
    fails(
      { dataset: { uncertain: 'one' } },
      /'dataset.uncertain': expected one of "ones", "zeros", "ignore", received "one" \(did you mean 'ones'\?\)/,
    );
    fails({ optimizer: { name: 'sgd' } }, /'optimizer.name': expected one of "adam", "adamw", received "sgd"/);
    fails(
      { schedule: { monitor: 'val_auc' } },
      /'schedule.monitor': expected one of "val_macro_auc", "val_loss", "val_macro_f1", received "val_auc"/,
    );
    fails(
      { image: { normalization: 'imagenett' } },
      /'image.normalization': expected one of "imagenet", "unit", "samplewise", received "imagenett" \(did you mean 'imagenet'\?\)/,
    );
    fails({ augment: { fill: 'wrap' } }, /'augment.fill': expected one of "reflect", "constant", received "wrap"/);
    fails(
      { model: { init: 'pretraned' } },
      /'model.init': expected 'random', 'pretrained' or \{"weights": DIR\}, received "pretraned" \(did you mean 'pretrained'\?\)/,
    );
    fails({ model: { init: { weights: 'w', extra: 1 } } }, /'model.init.extra': unknown key; valid keys: weights/);
    fails({ split: { seed: -1 } }, /'split.seed': expected 'run' or an integer seed >= 0, received -1/);
    fails({ optimizer: { lrBackbone: 'fast' } }, /'optimizer.lrBackbone': expected 'auto' or a number > 0, received "fast"/);
    fails({ split: { fractions: [0.5, 0.2, 0.2, 0.1] } }, /'split.fractions': expected 3 entries, received 4/);
    fails({ mixup: { alpha: 0 } }, /'mixup.alpha': expected a number > 0, received 0/);
    fails({ schedule: null }, /'schedule': expected an object, received null/);
  });

  test('the first unknown key is reported first; further problems are counted with their keys', () => {
    assert.throws(
      () => resolveConfig(presetConfig('smoke'), [{ source: 'f', values: { epochs: 0, batchsize: 2, model: { unfreeze: 2 } } as never }]),
      /^TrainConfigError: f: config key 'batchsize': unknown key \(did you mean 'batchSize'\?\); valid keys: .*; 2 more problems: model.unfreeze, epochs$/,
    );
  });

  test('the smoke preset resolves to the run config it always did (config hash 70533e3e...)', () => {
    const smoke = resolveConfig(presetConfig('smoke'));
    assert.equal(configHash(smoke), '70533e3e5f3134e6ae43a06bd1f1fc82ff33d411b4b2596eca796988b90b3a43');
    assert.equal(configHash(resolveConfig(smoke, [{ source: 'again', values: {} }])), configHash(smoke));
  });

  test('augment.fill may be left out and resolves to reflect', () => {
    const { fill: _fill, ...noFill } = presetConfig('paper').augment!;
    const r = resolveConfig(presetConfig('smoke'), [{ source: 's', values: { augment: noFill } }]);
    assert.equal(r.augment!.fill, 'reflect');
  });

  test('config files extend a preset (default paper) and report their own name', () => {
    assert.equal(configFromJson({ extends: 'smoke', epochs: 1 }, 'f.json').epochs, 1);
    assert.equal(configFromJson({}, 'f.json').model.backbone, 'efficientnetb0');
    assert.throws(
      () => configFromJson({ extends: 'nope' }, 'f.json'),
      /f.json: config key 'extends': unknown preset "nope"; valid presets: paper/,
    );
    assert.throws(() => configFromJson({ extends: 3 }, 'f.json'), /f.json: config key 'extends': expected a preset name, received 3/);
    assert.throws(() => configFromJson(null, 'f.json'), /f.json: config key '\(root\)': expected a JSON object/);
    assert.equal(configFromJson({ $schema: './run-config.schema.json', extends: 'smoke' }, 'f.json').epochs, 2);
    assert.throws(
      () => configFromJson({ $schema: 1 }, 'f.json'),
      /f.json: config key '\$schema': expected the path or URL of a JSON Schema, received 1/,
    );
    assert.throws(
      () => configFromJson({ extends: 'smoek' }, 'f.json'),
      /f.json: config key 'extends': unknown preset "smoek" \(did you mean 'smoke'\?\)/,
    );
    assert.throws(
      () => configFromJson({ optimiser: {} }, 'f.json'),
      /f.json: config key 'optimiser': unknown key \(did you mean 'optimizer'\?\)/,
    );
  });

  test("'auto' backbone rate: 1e-4 when fine-tuning, the head's rate from scratch", () => {
    assert.deepEqual(baseLearningRates(presetConfig('paper')), { head: 1e-3, backbone: 1e-4 });
    assert.deepEqual(baseLearningRates(presetConfig('smoke')), { head: 1e-3, backbone: 1e-3 });
    const fixed = resolveConfig(presetConfig('paper'), [{ source: 's', values: { optimizer: { lrBackbone: 3e-5 } } }]);
    assert.deepEqual(baseLearningRates(fixed), { head: 1e-3, backbone: 3e-5 });
  });
});
