import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, test } from 'node:test';
import { configHash, type ResultsStore } from '@cxr/results';
import { presetConfig } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { silentProgress } from './progress.ts';
import { resolveRun } from './resolve-phase.ts';

describe('resolve phase', () => {
  const store = {} as ResultsStore;
  const config = presetConfig('smoke');

  test('fills in the defaults and the config hash; the label defaults to its first 12 characters', () => {
    const run = resolveRun({ config, seed: 3, store, backend: 'wasm' });
    const hash = configHash(config);
    assert.deepEqual(run, {
      config,
      identityConfig: config,
      seed: 3,
      store,
      backend: 'wasm',
      configHash: hash,
      experiment: 'adhoc',
      label: hash.slice(0, 12),
      weightsRoot: 'weights',
      dataRoot: 'data',
      staleAfterMs: undefined,
      progress: silentProgress,
      hooks: {},
      signal: undefined,
      takeOver: false,
    });
  });

  test('the config hash leaves out where the data lives (dataset.dataDir); the config keeps it', () => {
    const moved = resolveConfig(config, [{ source: '--data-dir', values: { dataset: { dataDir: tmpdir() } } }]);
    const run = resolveRun({ config: moved, seed: 1, store, backend: 'wasm' });
    assert.equal(run.configHash, configHash(config));
    assert.equal(run.configHash, '70533e3e5f3134e6ae43a06bd1f1fc82ff33d411b4b2596eca796988b90b3a43');
    assert.equal(run.config.dataset.dataDir, tmpdir());
    assert.deepEqual(run.identityConfig, config);
  });

  test('keeps what the request gives', () => {
    const hooks = { afterCheckpoint: () => {} };
    const run = resolveRun({
      config,
      seed: 1,
      store,
      backend: 'cpu',
      experiment: 'table2',
      label: '90 %',
      weightsRoot: 'w',
      dataRoot: 'd',
      staleAfterMs: 0,
      hooks,
    });
    assert.deepEqual(
      [run.experiment, run.label, run.weightsRoot, run.dataRoot, run.staleAfterMs, run.hooks],
      ['table2', '90 %', 'w', 'd', 0, hooks],
    );
  });
});
