/**
 * The search as resolveExperiment and the replication stage see it: declarations refused with the
 * key named, trials as cells with their own configs and hashes, the best trial chosen on validation
 * only, its replication over the experiment's seeds, and resume from what results.db holds.
 * Pure or on a temporary store: no training (the end-to-end sweep is in search-sweep.test.ts).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openTempResultsStore } from '@cxr/results/testing';
import { registerRunCell, runConfigHash } from '@cxr/train';
import type { ExperimentDefinition } from '../experiments/definition.ts';
import { ExperimentDefinitionError } from '../experiments/errors.ts';
import { resolveExperiment } from '../experiments/resolve-experiment.ts';
import { testSearch, testTwoLevels } from '../sweep/testing/fixture-experiments.ts';
import { chooseBestTrials, withReplication, withStoredReplication } from './replication-cells.ts';
import { planSearch } from './search-plan.ts';

const refused = (def: ExperimentDefinition, key: string, detail: RegExp) =>
  assert.throws(
    () => resolveExperiment(def, { profile: 'smoke' }),
    (e: unknown) =>
      e instanceof ExperimentDefinitionError &&
      e.message.startsWith(`experiments/src/experiments/test-search.ts: key '${key}': `) &&
      detail.test(e.message),
    key,
  );
const withSearch = (search: unknown): ExperimentDefinition => ({ ...testSearch, search }) as ExperimentDefinition;
const params = testSearch.search!.params;

describe('search declarations', () => {
  it('are refused with the file and the key named', () => {
    refused(withSearch({ ...testSearch.search, params: {} }), 'search.params', /expected at least one config key/);
    refused(
      withSearch({ ...testSearch.search, params: { 'optimizer.lrHead': { kind: 'log-uniform', min: 0, max: 1e-2 } } }),
      'search.params.optimizer.lrHead.min',
      /expected min > 0 for a 'log-uniform' range, received 0/,
    );
    refused(
      withSearch({ ...testSearch.search, params: { 'optimizer.lrHead': { kind: 'uniform', min: 1e-2, max: 1e-3 } } }),
      'search.params.optimizer.lrHead.max',
      /expected max > min \(0.01\), received 0.001/,
    );
    refused(
      withSearch({ ...testSearch.search, params: { 'schedule.plateau.patience': { kind: 'integer', min: 1, max: 2.5 } } }),
      'search.params.schedule.plateau.patience.max',
      /expected an integer for an 'integer' range, received 2.5/,
    );
    refused(
      withSearch({ ...testSearch.search, params: { 'optimizer.lrHead': { kind: 'normal', min: 1, max: 2 } } }),
      'search.params.optimizer.lrHead.kind',
      /expected a range with kind 'log-uniform', 'uniform', 'integer', 'choice', received "normal"/,
    );
    refused(
      withSearch({ ...testSearch.search, params: { 'model.backbone': { kind: 'choice', values: ['cnn3', 'cnn3'] } } }),
      'search.params.model.backbone.values',
      /expected distinct choices, received "cnn3" twice/,
    );
    refused(withSearch({ ...testSearch.search, trials: 0 }), 'search.trials', /expected an integer from 1 to 1000, received 0/);
    refused(withSearch({ ...testSearch.search, seed: -1 }), 'search.seed', /expected an integer seed from 0 to 2147483647, received -1/);
    refused(
      withSearch({ ...testSearch.search, metric: 'test.macro_auc_roc' }),
      'search.metric',
      /never test.*received "test.macro_auc_roc"/,
    );
    refused(
      withSearch({ ...testSearch.search, levels: ['lr 1e-4'] }),
      'search.levels[0]',
      /unknown level "lr 1e-4" \(did you mean 'lr 1e-3'\?\)/,
    );
    refused(withSearch({ ...testSearch.search, sampler: 'tpe' }), 'search.sampler', /unknown key; valid keys: params, trials, seed/);
  });

  it('refuse a key the config does not have, or a bound outside its schema, naming the key and the level', () => {
    refused(
      withSearch({ ...testSearch.search, params: { 'optimizer.lrHaed': { kind: 'uniform', min: 0.1, max: 0.2 } } }),
      'search.params.optimizer.lrHaed',
      /the resolved config has no 'optimizer.lrHaed'/,
    );
    refused(
      withSearch({ ...testSearch.search, params: { 'model.head.dropout': { kind: 'uniform', min: 0.1, max: 0.2 } } }),
      'search.params.model.head.dropout',
      /'model.head' is an array \(name an item by its index, e.g. 'model.head.0'\)/,
    );
    refused(
      withSearch({ ...testSearch.search, params: { 'model.head.0.dropout': { kind: 'uniform', min: 0.5, max: 1.5 } } }),
      'search.params.model.head.0.dropout',
      /1.5 on level 'lr 1e-3' is not a valid 'model.head\[0\].dropout': expected a number <= 0.99, received 1.5/,
    );
  });

  it("a comparison may name the search's best level; an unknown one is refused", () => {
    assert.doesNotThrow(() => resolveExperiment(testSearch, { profile: 'smoke' }));
    assert.throws(
      () => resolveExperiment({ ...testSearch, comparisons: [{ kind: 'pair', a: 'bset', b: 'lr 1e-3' }] }, { profile: 'smoke' }),
      /unknown level "bset" \(did you mean 'best'\?\)/,
    );
  });
});

describe('search trials as cells', () => {
  const resolved = resolveExperiment(testSearch, { profile: 'smoke' });
  const trials = resolved.cells.filter((c) => c.trial);

  it('come after the grid, each with its sampled values in its own resolved config and its own hash', () => {
    assert.deepEqual(
      resolved.cells.map((c) => [c.index, c.level, c.seed]),
      [
        [0, 'lr 1e-3', 1],
        [1, 'search:trial-1', 0],
        [2, 'search:trial-2', 0],
      ],
    );
    for (const cell of trials) {
      assert.equal(cell.config.optimizer.lrHead, cell.trial!.values['optimizer.lrHead']);
      assert.equal(cell.config.model.head[0]!.dropout, cell.trial!.values['model.head.0.dropout']);
      assert.equal(cell.configHash, runConfigHash(cell.config));
      // the rest of the level's config (the smoke profile's 16-unit head) is kept
      assert.equal(cell.config.model.head[0]!.units, resolved.cells[0]!.config.model.head[0]!.units);
    }
    assert.equal(new Set(resolved.cells.map((c) => c.configHash)).size, 3);
    assert.deepEqual(
      resolved.report.levels.map((l) => [l.label, l.seeds]),
      [
        ['lr 1e-3', undefined],
        ['search:trial-1', [0]],
        ['search:trial-2', [0]],
        ['best', undefined],
      ],
    );
  });

  it('are the same on every resolution (a rerun draws the same trials), and several searched levels get prefixed labels', () => {
    assert.deepEqual(
      resolveExperiment(testSearch, { profile: 'smoke' }).cells.map((c) => c.configHash),
      resolved.cells.map((c) => c.configHash),
    );
    const dropout = { 'model.head.0.dropout': params['model.head.0.dropout']! };
    const two = resolveExperiment(
      { ...testTwoLevels, search: { params: dropout, trials: 1, seed: 3, metric: 'macro_auc_roc' } },
      { profile: 'smoke' },
    );
    assert.deepEqual(
      two.cells.filter((c) => c.trial).map((c) => c.level),
      ['lr 1e-3 search:trial-1', 'lr 3e-3 search:trial-1'],
    );
  });

  it('a --set layer that overrides a searched key collapses the trials and is refused', () => {
    assert.throws(
      () =>
        resolveExperiment(testSearch, {
          profile: 'smoke',
          extra: [
            {
              source: '--set optimizer.lrHead=0.001',
              values: { optimizer: { lrHead: 0.001 }, model: { head: [{ units: 16, dropout: 0.2 }] } },
            },
          ],
        }),
      /level 'search:trial-1': key 'search.params': resolves to the same config as level 'lr 1e-3' .*the sampled values must change the config/,
    );
  });
});

describe('the best trial and its replication', () => {
  const { store, cleanup } = openTempResultsStore();
  after(cleanup);
  const resolved = resolveExperiment(testSearch, { profile: 'smoke', seeds: [1, 2, 3] });
  const [t1, t2] = resolved.search!.levels[0]!.trials;
  const finish = (cell: typeof t1, val: number, test: number) => {
    const run = registerRunCell(store, { experiment: 'test-search', label: cell!.level, config: cell!.config, seed: cell!.seed }, 'fp');
    store.finishRun(store.claimRun(run.id)!, {
      metrics: [
        { split: 'val', name: 'macro_auc_roc', value: val },
        { split: 'test', name: 'macro_auc_roc', value: test },
      ],
      labelMetrics: [],
      predictions: [],
    });
    return run.id;
  };

  it('waits while a trial is not finished, then takes the highest validation value even where test disagrees', () => {
    const ids = new Map<number, number>();
    const runOf = (cell: typeof t1) =>
      ids.has(cell!.index) ? { runId: ids.get(cell!.index)!, status: 'done' as const } : { runId: null, status: 'not registered' as const };
    ids.set(t1!.index, finish(t1, 0.7, 0.9)); // best on test
    const waiting = chooseBestTrials(resolved.search!.levels, 'macro_auc_roc', store, runOf);
    assert.deepEqual(waiting, [{ level: 'lr 1e-3', best: 'best', trial: null, reason: '1 of 2 trials not finished yet' }]);
    ids.set(t2!.index, finish(t2, 0.8, 0.6)); // best on validation
    const [choice] = chooseBestTrials(resolved.search!.levels, 'macro_auc_roc', store, runOf);
    assert.equal(choice!.trial!.level, 'search:trial-2');
    assert.equal(choice!.trial === null ? NaN : choice!.value, 0.8);
  });

  it('replicates the chosen config over the experiment seeds as ordinary cells that resolve and register under it', () => {
    const replicated = withStoredReplication(resolved, store);
    const best = replicated.cells.filter((c) => c.level === 'best');
    assert.deepEqual(
      best.map((c) => [c.index, c.seed, c.configHash]),
      [1, 2, 3].map((seed, i) => [resolved.cells.length + i, seed, t2!.configHash]),
    );
    assert.equal(best[0]!.config.optimizer.lrHead, t2!.trial!.values['optimizer.lrHead']);
    const level = replicated.report.levels.find((l) => l.label === 'best')!;
    assert.deepEqual([level.configHashes, level.seeds], [[t2!.configHash], [1, 2, 3]]);
    assert.match(level.regime, /^search:trial-2 \(validation macro_auc_roc 0.800, best of 2\)$/);
    // the trial's config keeps its first label; 'best' becomes an alias
    const run = registerRunCell(store, { experiment: 'test-search', label: 'best', config: best[0]!.config, seed: 1 }, 'fp');
    assert.equal(run.configHash, t2!.configHash);
    assert.equal(run.status, 'pending');
  });

  it('a rerun plans the same trials, skips the done ones and lists what each sampled', () => {
    const fingerprints = new Map(resolveExperiment(testSearch, { profile: 'smoke', seeds: [1, 2, 3] }).cells.map((c) => [c.index, 'fp']));
    const { plan, lines } = planSearch(resolveExperiment(testSearch, { profile: 'smoke', seeds: [1, 2, 3] }), store, fingerprints);
    assert.deepEqual(
      plan.map((p) => [p.level, p.seed, p.status]),
      [
        ['lr 1e-3', 1, 'not registered'],
        ['lr 1e-3', 2, 'not registered'],
        ['lr 1e-3', 3, 'not registered'],
        ['search:trial-1', 0, 'done'],
        ['search:trial-2', 0, 'done'],
        ['best', 1, 'pending'],
        ['best', 2, 'not registered'],
        ['best', 3, 'not registered'],
      ],
    );
    assert.match(
      lines[0]!,
      /^search: random, seed 1, 2 trials per searched level at run seed 0, maximising validation macro_auc_roc \(never test\)$/,
    );
    assert.match(lines[1]!, /^ {2}search:trial-1 {2}optimizer.lrHead=\d\.\d\de-\d {2}model.head.0.dropout=0\.\d+ {2}-> validation 0.7000$/);
    assert.equal(lines[3], '  best: search:trial-2 (validation macro_auc_roc 0.8000), replicated over seeds 1, 2, 3');
  });

  it('leaves an experiment without a choice as it is', () => {
    const choices = chooseBestTrials(resolved.search!.levels, 'macro_auc_roc', undefined, () => ({
      runId: null,
      status: 'not registered',
    }));
    assert.equal(withReplication(resolved, choices).cells.length, resolved.cells.length);
  });
});
