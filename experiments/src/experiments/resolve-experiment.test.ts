import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openTempResultsStore } from '@cxr/results/testing';
import { overrideFromSet, PAPER_CONFIG, presetConfig, resolveConfig, resolveRun, runConfigHash, TrainConfigError } from '@cxr/train';
import { CliArgumentError } from '../cli/parse-seed.ts';
import type { Profile } from './definition.ts';
import { ExperimentArgumentError, ExperimentDefinitionError } from './errors.ts';
import { PROFILE_NAMES } from './profiles/index.ts';
import { EXPERIMENTS, findExperiment } from './registry.ts';
import { parseSeedsOption, resolveExperiment } from './resolve-experiment.ts';
import { table2Unfreeze } from './table2-unfreeze.ts';

describe('resolveExperiment', () => {
  it('expands table2-unfreeze under the smoke profile into 6 levels x 3 seeds, levels in table order, then seeds ascending', () => {
    const r = resolveExperiment('table2-unfreeze', { profile: 'smoke' });
    assert.equal(r.cells.length, 18);
    assert.deepEqual(
      r.cells.slice(0, 4).map((c) => [c.index, c.level, c.seed]),
      [
        [0, '0 %', 1],
        [1, '0 %', 2],
        [2, '0 %', 3],
        [3, '25 %', 1],
      ],
    );
    assert.deepEqual(
      r.cells.map((c) => c.index),
      r.cells.map((_, i) => i),
    );
    assert.deepEqual(
      r.cells.map((c) => c.config.model.unfreeze),
      [0, 0, 0, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75, 0.9, 0.9, 0.9, 1, 1, 1],
    );
    // the smoke profile's size and speed, with the base's EfficientNetB0 replaced by its CNN-3 from random weights
    const c = r.cells[0]!.config;
    assert.deepEqual(
      [c.image.size, c.image.channels, c.model.backbone, c.model.init, c.epochs, c.stepsPerEpoch],
      [32, 1, 'cnn3', 'random', 2, 4],
    );
    assert.deepEqual(r.seeds, [1, 2, 3]);
    assert.equal(r.profile.name, 'smoke');
  });

  it('every registered experiment resolves under every profile, with one distinct hash per level', () => {
    for (const definition of EXPERIMENTS)
      for (const profile of PROFILE_NAMES) {
        const r = resolveExperiment(definition.name, { profile });
        const trials = r.search ? r.search.levels.reduce((n, l) => n + l.trials.length, 0) : 0;
        // a level with inProfiles (seed003's grid) takes part only under those profiles
        const levels = definition.levels.filter((l) => l.inProfiles === undefined || l.inProfiles.includes(profile)).length;
        assert.equal(r.cells.length, levels * definition.seeds.length + trials, `${definition.name} ${profile}`);
        const hashes = new Set(r.report.levels.flatMap((l) => l.configHashes ?? []));
        assert.equal(hashes.size, levels + trials, `${definition.name} under ${profile}: level hashes not distinct`);
      }
  });

  it('hashes each cell as runExperiment registers it (resolveRun), data folder left out', () => {
    const { store, cleanup } = openTempResultsStore();
    after(cleanup);
    const extra = [{ source: '--data-dir', values: { dataset: { dataDir: 'elsewhere/phantom' } } }];
    const r = resolveExperiment('table4-head', { profile: 'smoke', extra });
    for (const cell of r.cells.filter((c) => c.seed === 1)) {
      assert.equal(cell.config.dataset.dataDir, 'elsewhere/phantom');
      const run = resolveRun({
        config: { ...cell.config, dataset: { ...cell.config.dataset, dataDir: null } },
        seed: cell.seed,
        store,
        backend: 'cpu',
      });
      assert.equal(cell.configHash, run.configHash, cell.level);
      assert.equal(cell.configHash, runConfigHash(cell.config));
    }
  });

  it('applies PAPER_CONFIG <- base <- profile <- level <- extra: each later layer wins', () => {
    // the profile wins over the base: smoke's random init over PAPER_CONFIG's pretrained
    assert.equal(resolveExperiment('table4-head', { profile: 'smoke' }).baseConfig.model.init, 'random');
    // the level wins over the profile: Table 3's own init and Table 4's heads
    const t3 = resolveExperiment('table3-init', { profile: 'smoke' });
    assert.deepEqual(
      t3.cells.filter((c) => c.seed === 1).map((c) => [c.level, c.config.model.init, c.config.model.unfreeze]),
      [
        ['Pretrained', 'pretrained', 0.9],
        ['Random', 'random', 1],
      ],
    );
    const t4 = resolveExperiment('table4-head', { profile: 'smoke' });
    assert.deepEqual(t4.cells[0]!.config.model.head, [{ units: 512, dropout: 0.2 }]);
    // the base stays under a level: Table 5's head (from Table 4) is kept by every loss level
    const t5 = resolveExperiment('table5-loss', { profile: 'paper' });
    for (const cell of t5.cells) assert.deepEqual(cell.config.model.head, presetConfig('thesis-intermediate').model.head);
    // extra layers win over everything, in order
    const extra = [overrideFromSet('epochs=1'), overrideFromSet('dataset.phantom.images=200'), overrideFromSet('epochs=5')];
    const e = resolveExperiment('table2-unfreeze', { profile: 'smoke', extra });
    for (const cell of e.cells) assert.deepEqual([cell.config.epochs, cell.config.dataset.phantom.images], [5, 200]);
    assert.equal(e.baseConfig.epochs, 5);
  });

  it('resolves a partial override of a null section from SECTION_DEFAULTS', () => {
    const r = resolveExperiment('table7-augmentation', { profile: 'paper' });
    const mixup = r.cells.find((c) => c.level === 'Basic + MixUp (alpha=0.40)')!.config.mixup;
    assert.deepEqual(mixup, { alpha: 0.4, p: 0.5 });
  });

  it('the 90 % level of Table 2 under the paper profile is exactly PAPER_CONFIG', () => {
    const r = resolveExperiment('table2-unfreeze', { profile: 'paper' });
    const cell = r.cells.find((c) => c.level === '90 %')!;
    assert.deepEqual(cell.config, resolveConfig(PAPER_CONFIG));
    assert.equal(cell.configHash, runConfigHash(PAPER_CONFIG));
    assert.deepEqual(r.baseConfig, resolveConfig(PAPER_CONFIG));
  });

  it('defaults to the default profile and the definition seeds; takes a Profile object and other seeds, sorted', () => {
    assert.equal(resolveExperiment('table3-init').profile.name, 'default');
    const mine: Profile = {
      name: 'mine',
      description: 'test',
      override: { epochs: 7 },
      pretrain: { images: 20, epochs: 1, batchSize: 4, seed: 0 },
    };
    const r = resolveExperiment(table2Unfreeze, { profile: mine, seeds: [5, 1, 4] });
    assert.deepEqual(r.seeds, [1, 4, 5]);
    assert.deepEqual(
      r.cells.slice(0, 3).map((c) => [c.level, c.seed, c.config.epochs]),
      [
        ['0 %', 1, 7],
        ['0 %', 4, 7],
        ['0 %', 5, 7],
      ],
    );
    assert.equal(r.report.profile, 'mine');
  });

  it("gives the report the definition's part, one config hash per level, seeds, profile and base config", () => {
    const r = resolveExperiment('table2-unfreeze', { profile: 'smoke', seeds: [2, 1] });
    assert.equal(r.report.name, 'table2-unfreeze');
    assert.equal(r.report.thesisTable, 'Table 2');
    assert.equal(r.report.paramsColumn, 'trainable');
    assert.deepEqual(r.report.seeds, [1, 2]);
    assert.equal(r.report.profile, 'smoke');
    assert.equal(r.report.baseConfig, r.baseConfig);
    assert.deepEqual(r.report.metrics, ['macro_auc_roc', 'macro_pr_auc']);
    assert.deepEqual(r.report.comparisons, table2Unfreeze.comparisons);
    assert.deepEqual(r.report.publishedComparisons, table2Unfreeze.publishedComparisons);
    assert.equal(r.report.levels.length, 6);
    for (const [i, level] of r.report.levels.entries()) {
      assert.equal('override' in level, false);
      assert.deepEqual(level.configHashes, [r.cells[i * 2]!.configHash]);
      assert.deepEqual(level.published, table2Unfreeze.levels[i]!.published);
    }
    assert.equal('base' in r.report, false);
  });

  it("says in the report's description when a profile stands in another backbone than the definition fixes", () => {
    const def = resolveExperiment('table2-unfreeze', { profile: 'default' }).report.description!;
    assert.ok(def.startsWith(table2Unfreeze.description!), def);
    assert.ok(def.endsWith("Under profile 'default' the runs train cnn5 in place of efficientnetb0."), def);
    assert.equal(resolveExperiment('table2-unfreeze', { profile: 'paper' }).report.description, table2Unfreeze.description);
    // levels naming their own backbone keep it, so Table 8's description is unchanged
    assert.equal(resolveExperiment('table8-final', { profile: 'default' }).report.description, findExperiment('table8-final').description);
  });

  it('refuses an unknown experiment or profile name with a did-you-mean', () => {
    assert.throws(
      () => resolveExperiment('table2'),
      /unknown experiment "table2" \(did you mean 'table2-unfreeze'\?\); valid experiments: table1-backbones, /,
    );
    assert.throws(
      () => resolveExperiment('table2-unfreeze', { profile: 'smok' }),
      (e: unknown) =>
        e instanceof ExperimentDefinitionError &&
        /unknown profile "smok" \(did you mean 'smoke'\?\); valid profiles: smoke, default, paper/.test(e.message),
    );
  });

  it('refuses a definition that does not validate before resolving anything', () => {
    const bad = structuredClone(table2Unfreeze);
    bad.levels[1]!.override = { model: { unfreez: 0.25 } } as never;
    assert.throws(
      () => resolveExperiment(bad, { profile: 'smoke' }),
      (e: unknown) =>
        e instanceof ExperimentDefinitionError &&
        e.message.startsWith(
          "experiments/src/experiments/table2-unfreeze.ts: level '25 %': key 'override.model.unfreez': unknown key (did you mean 'unfreeze'?)",
        ),
    );
  });

  it('refuses extra layers that make two levels the same config', () => {
    assert.throws(
      () => resolveExperiment('table2-unfreeze', { profile: 'smoke', extra: [overrideFromSet('model.unfreeze=1')] }),
      (e: unknown) =>
        e instanceof ExperimentDefinitionError &&
        /^experiments\/src\/experiments\/table2-unfreeze\.ts: level '25 %': key 'override': resolves to the same config as level '0 %' under profile 'smoke' with --set model\.unfreeze=1 \(config hash [0-9a-f]{12}\)/.test(
          e.message,
        ),
    );
  });

  it('refuses a definition whose levels are the same config', () => {
    const twins = structuredClone(table2Unfreeze);
    twins.levels[5]!.override = { model: { unfreeze: 0.9 } };
    assert.throws(
      () => resolveExperiment(twins, { profile: 'paper' }),
      (e: unknown) =>
        e instanceof ExperimentDefinitionError &&
        /level '100 %': key 'override': resolves to the same config as level '90 %' under profile 'paper' \(config hash [0-9a-f]{12}\), so their runs could not be told apart; the levels must differ in what they override$/.test(
          e.message,
        ),
    );
  });

  it('refuses a bad profile or --set layer with the TrainConfigError naming it', () => {
    const bad: Profile = {
      name: 'bad',
      description: '',
      override: { epoch: 1 } as never,
      pretrain: { images: 20, epochs: 1, batchSize: 4, seed: 0 },
    };
    assert.throws(
      () => resolveExperiment('table3-init', { profile: bad }),
      (e: unknown) =>
        e instanceof TrainConfigError && e.message.startsWith("profile 'bad': config key 'epoch': unknown key (did you mean 'epochs'?)"),
    );
    assert.throws(
      () => resolveExperiment('table3-init', { profile: 'smoke', extra: [overrideFromSet('epochs=0')] }),
      (e: unknown) =>
        e instanceof TrainConfigError && e.message.startsWith("--set epochs=0: config key 'epochs': expected a number >= 1, received 0"),
    );
  });

  it('refuses bad seeds', () => {
    for (const [seeds, words] of [
      [[], 'expected a non-empty array of seeds, received an array of length 0'],
      [[1, 1], 'expected distinct seeds, received 1 twice'],
      [[1.5], 'expected integer seeds from 0 to 2147483647, received 1.5'],
    ] as const)
      assert.throws(
        () => resolveExperiment('table3-init', { profile: 'smoke', seeds: [...seeds] }),
        (e: unknown) => e instanceof ExperimentArgumentError && e.message === `resolveExperiment(options.seeds): ${words}`,
      );
  });

  it('leaves the definition untouched', () => {
    const before = structuredClone(table2Unfreeze);
    const r = resolveExperiment(table2Unfreeze, { profile: 'smoke' });
    r.report.levels[0]!.label = 'changed';
    assert.deepEqual(table2Unfreeze, before);
  });
});

describe('parseSeedsOption', () => {
  it('reads a count as seeds 1..N and a list as those seeds, ascending', () => {
    assert.deepEqual(parseSeedsOption('3'), [1, 2, 3]);
    assert.deepEqual(parseSeedsOption('5'), [1, 2, 3, 4, 5]);
    assert.deepEqual(parseSeedsOption('1,2,5'), [1, 2, 5]);
    assert.deepEqual(parseSeedsOption(' 5, 0 ,2 '), [0, 2, 5]);
  });

  it('refuses what is neither, naming the command and --seeds', () => {
    const refused = (value: string, message: string) =>
      assert.throws(
        () => parseSeedsOption(value),
        (e: unknown) => e instanceof CliArgumentError && e.message === message,
      );
    const count =
      'cxr sweep: --seeds expects a count from 1 to 1000 (seeds 1..N) or a comma-separated list of seeds (e.g. 1,2,5), received';
    refused('0', `${count} "0"`);
    refused('', `${count} ""`);
    refused('three', `${count} "three"`);
    refused('1001', `${count} "1001"`);
    refused('-2', `${count} "-2"`);
    refused('1,,2', 'cxr sweep: --seeds entry must be an integer from 0 to 2147483647, received ""');
    refused('1,x', 'cxr sweep: --seeds entry must be an integer from 0 to 2147483647, received "x"');
    refused('1,2,1', 'cxr sweep: --seeds lists seed 1 twice, received "1,2,1"');
    assert.throws(() => parseSeedsOption('x', 'cxr sweep status'), /^CliArgumentError: cxr sweep status: --seeds/);
  });
});
