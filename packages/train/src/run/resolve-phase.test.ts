import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configHash, type ResultsStore } from '@cxr/results';
import { presetConfig } from '../config/presets.ts';
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
