/**
 * Experiments of the test suite only (loaded through CXR_TEST_EXPERIMENTS, see
 * ../../cli/test-experiments.ts): two levels each, so a sweep under the smoke profile with seeds
 * 1-2 has four cells of a few seconds. Not in the registry.
 */
import type { ExperimentDefinition } from '../../experiments/definition.ts';

const shared = {
  thesisTable: null,
  factor: 'head learning rate',
  paramsColumn: null,
  base: {},
  seeds: [1, 2],
  metrics: ['macro_auc_roc', 'macro_pr_auc'],
  comparisons: [{ kind: 'pair', a: 'lr 1e-3', b: 'lr 3e-3' }],
} satisfies Partial<ExperimentDefinition>;

/** Two levels that differ only in the head's learning rate. */
export const testTwoLevels: ExperimentDefinition = {
  ...shared,
  name: 'test-two-levels',
  title: 'Sweep test: two learning rates',
  levels: [
    { label: 'lr 1e-3', regime: 'test', override: { optimizer: { lrHead: 1e-3 } } },
    { label: 'lr 3e-3', regime: 'test', override: { optimizer: { lrHead: 3e-3 } } },
  ],
};

/** One level that trains and one whose initial weights folder does not exist, so each of its cells fails. */
export const testFailingLevel: ExperimentDefinition = {
  ...shared,
  name: 'test-failing-level',
  title: 'Sweep test: a level that fails',
  comparisons: [{ kind: 'pair', a: 'lr 1e-3', b: 'missing weights' }],
  levels: [
    { label: 'lr 1e-3', regime: 'test', override: { optimizer: { lrHead: 1e-3 } } },
    { label: 'missing weights', regime: 'test', override: { model: { init: { weights: '/nonexistent' } } } },
  ],
};

/**
 * One level and a search of two trials over the head's learning rate and the head's dropout, so a
 * sweep under the smoke profile at seed 1 has four cells: the level, two trials (run seed 0), then
 * the best trial's replicate.
 */
export const testSearch: ExperimentDefinition = {
  ...shared,
  name: 'test-search',
  title: 'Sweep test: a search of two trials',
  seeds: [1],
  comparisons: [{ kind: 'pair', a: 'best', b: 'lr 1e-3' }],
  levels: [{ label: 'lr 1e-3', regime: 'test', override: { optimizer: { lrHead: 1e-3 } } }],
  search: {
    params: {
      'optimizer.lrHead': { kind: 'log-uniform', min: 3e-4, max: 1e-2 },
      'model.head.0.dropout': { kind: 'uniform', min: 0, max: 0.5 },
    },
    trials: 2,
    seed: 1,
    metric: 'macro_auc_roc',
  },
};
