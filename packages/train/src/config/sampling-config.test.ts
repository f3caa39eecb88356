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

describe('sampling.balance.mirrorDuplicates and thresholdMinPrecision in the run config', () => {
  const smoke = presetConfig('smoke');

  test('absent from the presets; accepted when given', () => {
    for (const name of ['smoke', 'paper'] as const) assert.equal('thresholdMinPrecision' in presetConfig(name), false, name);
    const c = resolveConfig(smoke, [
      {
        source: '--set',
        values: {
          sampling: { oversample: null, balance: { noFindingKeep: 0.1, duplicateBelow: 30, floor: 15, mirrorDuplicates: true } },
          thresholdMinPrecision: 0.4,
        },
      },
    ]);
    assert.equal(c.sampling.balance?.mirrorDuplicates, true);
    assert.equal(c.thresholdMinPrecision, 0.4);
  });

  test('bad values name the key', () => {
    assert.throws(() => resolveConfig(smoke, [{ source: 'x.json', values: { thresholdMinPrecision: 0 } }]), {
      message: /^x\.json: config key 'thresholdMinPrecision': expected/,
    });
    assert.throws(
      () =>
        resolveConfig(smoke, [
          {
            source: 'x.json',
            values: { sampling: { balance: { noFindingKeep: 0.1, duplicateBelow: null, floor: null, mirrorDuplicates: 1 } } },
          },
        ]),
      { message: /^x\.json: config key 'sampling\.balance\.mirrorDuplicates': expected true or false, received 1$/ },
    );
  });
});
