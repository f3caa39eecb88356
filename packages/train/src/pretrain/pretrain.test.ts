import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { readModelMetadata } from '@cxr/models';
import { makeTempDir } from '@cxr/testkit';
import { selectBackend } from '../backend/index.ts';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { buildRunModel } from '../run/model-phase.ts';
import { pretrainBackbone } from './pretrain.ts';

describe('pretrainBackbone', () => {
  const tmp = makeTempDir('pretrain');
  before(async () => {
    // wasm with this package's gradient kernels: the pure-JS cpu conv gradients take seconds per step
    await selectBackend('wasm');
  });
  after(tmp.cleanup);

  test('trains on the phantom source set and saves where init "pretrained" finds it; converted weights are used instead when given', async () => {
    const start = tf.memory().numTensors;
    const r = await pretrainBackbone({
      backbone: 'cnn3',
      size: 32,
      channels: 1,
      images: 40,
      epochs: 1,
      batchSize: 16,
      weightsRoot: tmp.dir,
      normalization: 'unit',
    });
    assert.equal(r.source, 'phantom-pretraining');
    assert.ok(Number.isFinite(r.valLoss));
    const meta = await readModelMetadata(r.dir);
    assert.equal(meta['source'], 'phantom-pretraining');
    assert.equal(meta['images'], 40);
    assert.equal(tf.memory().numTensors, start, 'no tensors left behind');

    const cfg = resolveConfig(presetConfig('smoke'), [{ source: 't', values: { model: { init: 'pretrained' } } }]);
    const built = await buildRunModel(cfg, 1, 10, tmp.dir);
    assert.equal(built.weights.source, 'phantom-pretraining');
    assert.ok(built.weights.matchedLayers! > 0);
    built.model.dispose();

    const converted = await pretrainBackbone({
      backbone: 'cnn3',
      size: 32,
      channels: 1,
      weightsRoot: `${tmp.dir}/other`,
      weightsDir: r.dir,
    });
    assert.equal(converted.source, 'imagenet-converted');
    assert.equal((await readModelMetadata(converted.dir))['source'], 'imagenet-converted');
  });

  test('bad arguments and missing weights folders are named', async () => {
    await assert.rejects(
      pretrainBackbone({ backbone: 'cnn3', size: 32, channels: 1, images: 5 }),
      /pretrainBackbone\(images\): expected an integer >= 20, received 5/,
    );
    await assert.rejects(
      pretrainBackbone({ backbone: 'cnn3', size: 32, channels: 1, epochs: 0 }),
      /pretrainBackbone\(epochs\): expected an integer >= 1, received 0/,
    );
    await assert.rejects(
      pretrainBackbone({ backbone: 'cnn3', size: 32, channels: 1, weightsDir: `${tmp.dir}/none` }),
      /pretrainBackbone: the weights folder .*none does not exist/,
    );
  });
});
