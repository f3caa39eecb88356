import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { configFromArgs, configLayersFromArgs } from './config-from-args.ts';

const tmp = makeTempDir('config-from-args');
after(tmp.cleanup);

describe('configFromArgs', () => {
  test('preset, then --dataset/--data-dir, then each --set in order', () => {
    const { config, label } = configFromArgs(
      { preset: 'smoke', dataset: 'nih', dataDir: '/d', set: ['epochs=5', 'model.backbone=mobilenetv2', 'epochs=4'] },
      'cxr x',
    );
    assert.equal(label, 'smoke epochs=5 model.backbone=mobilenetv2 epochs=4');
    assert.equal(config.epochs, 4);
    assert.equal(config.model.backbone, 'mobilenetv2');
    assert.deepEqual([config.dataset.name, config.dataset.dataDir], ['nih', '/d']);
    assert.equal(configFromArgs({}, 'cxr x').label, 'smoke');
    assert.equal(configFromArgs({ preset: 'smoke', set: ['epochs=3'], label: 'three epochs' }, 'cxr x').label, 'three epochs');
  });

  test('configLayersFromArgs: the dataset layer, then each --set, named by source (what cxr sweep applies over every level)', () => {
    const layers = configLayersFromArgs({ dataset: 'nih', dataDir: '/d', set: ['epochs=5'] });
    assert.deepEqual(layers, [
      { source: '--dataset/--data-dir', values: { dataset: { name: 'nih', dataDir: '/d' } } },
      { source: '--set epochs=5', values: { epochs: 5 } },
    ]);
    assert.deepEqual(configLayersFromArgs({}), []);
  });

  test('a config file is read with readConfigFile and labels the run', () => {
    const path = join(tmp.dir, 'c.json');
    writeFileSync(path, '{"extends": "smoke", "epochs": 1}');
    const { config, label } = configFromArgs({ config: path, set: ['batchSize=8'] }, 'cxr x');
    assert.deepEqual([config.epochs, config.batchSize, label], [1, 8, `${path} batchSize=8`]);
  });

  test('--preset with --config, a bad --set and a bad value are refused', () => {
    assert.throws(
      () => configFromArgs({ preset: 'smoke', config: 'c.json' }, 'cxr x'),
      /^Error: cxr x: give --preset or --config, not both$/,
    );
    assert.throws(() => configFromArgs({ label: ' ' }, 'cxr x'), /^Error: cxr x: --label must not be empty$/);
    assert.throws(() => configFromArgs({ set: ['lossname=focal'] }, 'cxr x'), /--set lossname=focal: config key 'lossname': unknown key/);
    assert.throws(
      () => configFromArgs({ set: ['loss.name=bce'] }, 'cxr x'),
      /--set loss.name=bce: config key 'loss.name': expected one of/,
    );
  });
});
