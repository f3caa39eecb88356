/** ExperimentDefinition.profiles: an experiment's own layer per profile, applied right after the profile's. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testTwoLevels } from '../sweep/testing/fixture-experiments.ts';
import type { ExperimentDefinition } from './definition.ts';
import { ExperimentDefinitionError } from './errors.ts';
import { resolveExperiment } from './resolve-experiment.ts';

const own: ExperimentDefinition = {
  ...testTwoLevels,
  // the level's override still wins over the experiment's profile layer (lrHead), the layer over the profile (epochs, size)
  profiles: { smoke: { epochs: 1, image: { size: 16 }, optimizer: { lrHead: 0.5 } } },
};

describe("an experiment's own profile layers", () => {
  it('apply under their profile only, after the profile and before the level', () => {
    const smoke = resolveExperiment(own, { profile: 'smoke' });
    assert.deepEqual(
      smoke.cells.map((c) => [c.level, c.config.epochs, c.config.image.size, c.config.optimizer.lrHead]),
      [
        ['lr 1e-3', 1, 16, 1e-3],
        ['lr 1e-3', 1, 16, 1e-3],
        ['lr 3e-3', 1, 16, 3e-3],
        ['lr 3e-3', 1, 16, 3e-3],
      ],
    );
    assert.equal(smoke.baseConfig.epochs, 1);
    const plain = resolveExperiment(testTwoLevels, { profile: 'smoke' });
    assert.notEqual(smoke.cells[0]!.configHash, plain.cells[0]!.configHash);
    // under another profile nothing changes
    assert.deepEqual(
      resolveExperiment(own, { profile: 'default' }).cells.map((c) => c.configHash),
      resolveExperiment(testTwoLevels, { profile: 'default' }).cells.map((c) => c.configHash),
    );
    assert.equal('profiles' in smoke.report, false, 'the report gets no definition-only keys');
  });

  it('refuse an unknown profile name and an invalid key, naming the file and the key', () => {
    const fails = (profiles: unknown, message: string) =>
      assert.throws(
        () => resolveExperiment({ ...testTwoLevels, profiles } as ExperimentDefinition, { profile: 'smoke' }),
        (e: unknown) => e instanceof ExperimentDefinitionError && e.message === message,
      );
    fails(
      { smok: { epochs: 1 } },
      "experiments/src/experiments/test-two-levels.ts: key 'profiles.smok': unknown profile \"smok\" (did you mean 'smoke'?); valid profiles: smoke, default, paper",
    );
    fails(
      { smoke: { epochs: 0 } },
      "experiments/src/experiments/test-two-levels.ts: key 'profiles.smoke.epochs': expected a number >= 1, received 0",
    );
    fails(
      [],
      "experiments/src/experiments/test-two-levels.ts: key 'profiles': expected an object {profile name: config override}, received an array of length 0",
    );
  });

  it("a level's own profile layer goes after its override, so a profile can stand a backbone in; the report says so", () => {
    const standIn: ExperimentDefinition = {
      ...testTwoLevels,
      levels: testTwoLevels.levels.map((l, i) => ({
        ...l,
        override: { ...l.override, model: { backbone: i === 0 ? 'densenet121' : 'mobilenetv2' } },
        profiles: { smoke: { model: { backbone: i === 0 ? 'cnn3' : 'cnn5' } } },
      })),
    };
    const smoke = resolveExperiment(standIn, { profile: 'smoke' });
    assert.deepEqual(
      smoke.cells.map((c) => c.config.model.backbone),
      ['cnn3', 'cnn3', 'cnn5', 'cnn5'],
    );
    assert.match(smoke.report.description!, /Under profile 'smoke' the runs train cnn3, cnn5 in place of densenet121, mobilenetv2\./);
    assert.equal('profiles' in smoke.report.levels[0]!, false);
    assert.deepEqual(
      resolveExperiment(standIn, { profile: 'paper' }).cells.map((c) => c.config.model.backbone),
      ['densenet121', 'densenet121', 'mobilenetv2', 'mobilenetv2'],
    );
    assert.throws(
      () =>
        resolveExperiment(
          { ...standIn, levels: [{ ...standIn.levels[0]!, profiles: { smoke: { model: { backbone: 'nope' } } } }, standIn.levels[1]!] },
          { profile: 'smoke' },
        ),
      /^ExperimentDefinitionError: experiments\/src\/experiments\/test-two-levels.ts: level 'lr 1e-3': key 'profiles.smoke.model.backbone': /,
    );
  });
});
