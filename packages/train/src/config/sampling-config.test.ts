import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { presetConfig } from './presets.ts';
import { resolveConfig } from './resolve.ts';

describe('sampling.weighted and split.stratification in the run config', () => {
  const smoke = presetConfig('smoke');

  test('absent from the presets, so their configs (and hashes) are unchanged', () => {
    for (const name of ['smoke', 'paper'] as const) {
      const c = presetConfig(name);
      assert.equal('weighted' in c.sampling, false, name);
      assert.equal('stratification' in c.split, false, name);
    }
  });

  test('a partial weighted section starts from its defaults; second-order is accepted', () => {
    const c = resolveConfig(smoke, [
      {
        source: '--set',
        values: { sampling: { oversample: null, weighted: { combine: 'mean' } }, split: { stratification: 'second-order' } },
      },
    ]);
    assert.deepEqual(c.sampling.weighted, { combine: 'mean', samplesPerEpoch: null });
    assert.equal(c.split.stratification, 'second-order');
  });

  test('weighted sampling together with oversampling is refused, saying what to do', () => {
    assert.throws(
      () =>
        resolveConfig(smoke, [
          { source: 'a', values: { sampling: { oversample: { maxRepeats: 2 } } } },
          { source: 'b', values: { sampling: { weighted: { combine: 'max', samplesPerEpoch: 100 } } } },
        ]),
      {
        name: 'TrainConfigError',
        message:
          "resolveConfig: config key 'sampling.weighted': weighted random sampling replaces oversampling: set sampling.oversample or sampling.weighted to null, not both",
      },
    );
  });

  test('bad values name the key', () => {
    assert.throws(() => resolveConfig(smoke, [{ source: 'x.json', values: { split: { stratification: 'third-order' } } }]), {
      message: /^x\.json: config key 'split\.stratification': expected one of "first-order", "second-order", received "third-order"/,
    });
    assert.throws(() => resolveConfig(smoke, [{ source: 'x.json', values: { sampling: { weighted: { combine: 'sum' } } } }]), {
      message: /^x\.json: config key 'sampling\.weighted\.combine': expected one of "max", "mean", received "sum"/,
    });
  });
});
