import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { openResultsStore, type ResultsStore } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { selectBackend } from '../backend/index.ts';
import { presetConfig } from '../config/presets.ts';
import { loadRunDataset, prepareRunData } from './data-phase.ts';
import { loadRunModel } from './load-run-model.ts';
import { predictProbabilities } from './predict-probabilities.ts';
import { preprocessImageFile } from './preprocess-image-file.ts';
import { runExperiment } from './run-experiment.ts';
import { RUN_MODEL_FORMAT, runModelDir, type RunModelMeta } from './run-model-dir.ts';
import { RUN_MODEL_META_FILE, saveRunModel } from './save-run-model.ts';

describe("a finished run's kept model (runModelDir, saveRunModel, loadRunModel)", () => {
  const tmp = makeTempDir('run-model');
  const roots = { dataRoot: join(tmp.dir, 'data'), weightsRoot: join(tmp.dir, 'weights') };
  let store: ResultsStore;
  let runId = 0;
  let backend = '';
  before(async () => {
    backend = (await selectBackend('wasm')).backend;
    store = openResultsStore({ path: join(tmp.dir, 'r.db') });
    const out = await runExperiment({ config: presetConfig('smoke'), seed: 1, store, backend, ...roots });
    assert.equal(out.status, 'done');
    runId = out.runId;
  });
  after(() => {
    store?.close();
    tmp.cleanup();
  });

  test('runModelDir: beside the database file, or under weightsRoot for an in-memory store', () => {
    assert.equal(runModelDir(store, 7), join(tmp.dir, 'r.db.models', '7'));
    assert.equal(runModelDir({ path: ':memory:', identity: 'abc', inMemory: true }, 7, 'w'), join('w', 'models', 'memory-abc', '7'));
  });

  test('a smoke run leaves model.json, weights.bin and meta.json; the loaded model reproduces the stored test probabilities', async () => {
    const dir = runModelDir(store, runId);
    assert.deepEqual(readdirSync(dir).sort(), ['meta.json', 'model.json', 'weights.bin']);
    const meta = JSON.parse(await readFile(join(dir, RUN_MODEL_META_FILE), 'utf8')) as RunModelMeta;
    const run = store.getRun(runId);
    assert.deepEqual(
      [meta.format, meta.runId, meta.configHash, meta.datasetFingerprint, meta.seed, meta.backbone],
      [RUN_MODEL_FORMAT, runId, run.configHash, run.datasetFingerprint, 1, 'cnn3'],
    );
    assert.deepEqual(meta.image, { size: 32, channels: 1, normalization: 'unit' });
    assert.equal(meta.output, 'logits');

    const loaded = await loadRunModel(store, runId);
    const config = presetConfig('smoke');
    const dataset = await loadRunDataset(config, roots.dataRoot);
    const data = await prepareRunData(config, 1, dataset, join(roots.dataRoot, 'cache'));
    data.cache.close();
    const stored = store.getPredictions(runId, 'test');
    assert.deepEqual(loaded.labelNames, stored.labelNames);
    assert.equal(stored.rows, data.split.test.length);
    const before = tf.memory().numTensors;
    try {
      for (const [r, i] of data.split.test.entries()) {
        const x = await preprocessImageFile(dataset.records[i]!.path, loaded.config.image);
        const [p] = await predictProbabilities(loaded.model, [x], loaded.config.image);
        for (let k = 0; k < stored.cols; k++) {
          const want = stored.probabilities[r * stored.cols + k]!;
          assert.ok(Math.abs(p![k]! - want) <= 1e-5, `test row ${r}, label ${k}: ${p![k]} vs stored ${want}`);
        }
      }
      assert.equal(tf.memory().numTensors, before);
    } finally {
      loaded.model.dispose();
    }
  });

  test('saving again replaces the folder whole and leaves no temp folder behind', async () => {
    const dir = runModelDir(store, runId);
    const loaded = await loadRunModel(store, runId);
    try {
      await writeFile(join(dir, 'stale.txt'), 'from an earlier attempt');
      await saveRunModel(dir, loaded.model, loaded.meta);
      assert.deepEqual(readdirSync(dir).sort(), ['meta.json', 'model.json', 'weights.bin']);
      assert.deepEqual(readdirSync(join(tmp.dir, 'r.db.models')), [String(runId)]);
    } finally {
      loaded.model.dispose();
    }
  });

  test('loadRunModel refuses an unknown run, a run not done, a missing folder and a meta.json of another run', async () => {
    await assert.rejects(loadRunModel(store, 999), {
      name: 'TrainStateError',
      message: `loadRunModel: run 999 is not in ${store.path}`,
    });
    const config = store.registerConfig('adhoc', presetConfig('smoke'), 'pending-one');
    const pending = store.registerRun({ configId: config.configId, seed: 5, datasetFingerprint: 'f' });
    await assert.rejects(loadRunModel(store, pending.id), {
      message: `loadRunModel: run ${pending.id} is pending, not done; only a finished run has best weights to load`,
    });

    const dir = runModelDir(store, runId);
    const metaPath = join(dir, RUN_MODEL_META_FILE);
    const text = await readFile(metaPath, 'utf8');
    await writeFile(metaPath, text.replace('"seed": 1', '"seed": 2'));
    await assert.rejects(loadRunModel(store, runId), {
      message: new RegExp(`meta\\.json does not match run ${runId} of .*: seed is 2, the run has 1$`),
    });
    await writeFile(metaPath, '{ not json');
    await assert.rejects(loadRunModel(store, runId), { message: /meta\.json is unreadable: / });
    await rm(dir, { recursive: true });
    assert.equal(existsSync(dir), false);
    await assert.rejects(loadRunModel(store, runId), {
      message: new RegExp(
        `run ${runId} has no saved model at .*r\\.db\\.models/${runId}; runs that finished before this version kept no weights`,
      ),
    });
  });
});
