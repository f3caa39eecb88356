import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configHash } from '@cxr/results';
import { presetConfig } from './presets.ts';
import { resolveConfig } from './resolve.ts';
import { identityConfig, runConfigHash } from './identity-config.ts';

describe('identityConfig / runConfigHash', () => {
  const smoke = resolveConfig(presetConfig('smoke'));
  const at = (dataDir: string) => resolveConfig(smoke, [{ source: '--data-dir', values: { dataset: { dataDir } } }]);

  test('a config without a dataDir is its own identity: the smoke preset keeps its hash 70533e3e...', () => {
    assert.equal(identityConfig(smoke), smoke);
    assert.equal(runConfigHash(smoke), '70533e3e5f3134e6ae43a06bd1f1fc82ff33d411b4b2596eca796988b90b3a43');
    assert.equal(runConfigHash(smoke), configHash(smoke));
  });

  test('where the data lives is left out: two folders give the smoke hash; the config itself is not changed', () => {
    const a = at('/data/copy-a');
    const b = at('relative/copy-b');
    assert.notEqual(configHash(a), configHash(smoke), 'the raw config differs');
    assert.equal(runConfigHash(a), runConfigHash(smoke));
    assert.equal(runConfigHash(b), runConfigHash(smoke));
    assert.deepEqual(identityConfig(a), smoke);
    assert.equal(a.dataset.dataDir, '/data/copy-a');
    assert.ok(Object.isFrozen(identityConfig(a)) && Object.isFrozen(identityConfig(a).dataset));
  });

  test('everything else still counts: another dataset setting is another hash', () => {
    const other = resolveConfig(smoke, [{ source: 's', values: { dataset: { dataDir: '/x', uncertain: 'ignore' } } }]);
    assert.notEqual(runConfigHash(other), runConfigHash(smoke));
  });
});
