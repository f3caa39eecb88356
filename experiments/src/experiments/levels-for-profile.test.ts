import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExperimentDefinition } from './definition.ts';
import { levelsForProfile } from './levels-for-profile.ts';

const def: ExperimentDefinition = {
  name: 'toy',
  title: 'toy',
  thesisTable: null,
  factor: 'f',
  paramsColumn: null,
  base: {},
  levels: [
    { label: 'a', regime: '', override: {} },
    { label: 'b', regime: '', override: {}, inProfiles: ['paper'] },
  ],
  seeds: [1],
  metrics: ['macro_auc_roc'],
  comparisons: [{ kind: 'pair', a: 'b', b: 'a' }, { kind: 'best-vs-next' }],
};

describe('levelsForProfile', () => {
  it('keeps a level listing inProfiles only under those profiles, and drops comparisons naming it', () => {
    assert.equal(levelsForProfile(def, 'paper'), def, 'unchanged where every level takes part');
    const smoke = levelsForProfile(def, 'smoke');
    assert.deepEqual(
      smoke.levels.map((l) => l.label),
      ['a'],
    );
    assert.deepEqual(smoke.comparisons, [{ kind: 'best-vs-next' }]);
  });

  it('refuses an unknown or empty profile list, naming the file, level and key', () => {
    const bad = (inProfiles: string[]) => ({ ...def, levels: [def.levels[0]!, { ...def.levels[1]!, inProfiles }] });
    assert.throws(() => levelsForProfile(bad(['papr']), 'smoke'), {
      name: 'ExperimentDefinitionError',
      message: `experiments/src/experiments/toy.ts: level 'b': key 'inProfiles': expected a non-empty list of profile names (smoke, default, paper), received "papr"`,
    });
    assert.throws(() => levelsForProfile(bad([]), 'smoke'), {
      message: /key 'inProfiles': expected a non-empty list of profile names .*, received \[\]$/,
    });
  });
});
