/**
 * Random search's draws: the values of every trial of a declaration, from its seed alone.
 *
 * Random search rather than a model-based sampler (seed 001 used wandb's Bayesian sweep): with the
 * five trials the seed ran, a model-based sampler has nothing to model yet (Optuna's TPE, for one,
 * draws its first ten trials at random by default), and drawing every trial from the seed alone
 * lets all of them be registered up front, run in parallel workers and resumed, like any cell.
 */
import { createRng } from '@cxr/data';
import { DEFAULT_SEARCH_TRIALS, type SearchDeclaration, type SearchRange, type SearchTrial } from './search-types.ts';

/**
 * One value of `range` from `u`, a uniform number in [0, 1).
 *
 * @example sampleRange({ kind: 'log-uniform', min: 1e-5, max: 1e-3 }, 0.5) // 1e-4
 */
export function sampleRange(range: SearchRange, u: number): unknown {
  switch (range.kind) {
    case 'log-uniform':
      // exp(log) may round one ulp past a bound
      return Math.min(range.max, Math.max(range.min, Math.exp(Math.log(range.min) + u * (Math.log(range.max) - Math.log(range.min)))));
    case 'uniform':
      return range.min + u * (range.max - range.min);
    case 'integer':
      return range.min + Math.floor(u * (range.max - range.min + 1));
    case 'choice':
      return structuredClone(range.values[Math.floor(u * range.values.length)]);
  }
}

/**
 * The trials of a (validated) declaration: trial k's value of key K comes from its own stream,
 * createRng(seed, `search trial k K`), so a trial does not change when the trial count grows, when
 * keys are added or reordered, or when a rerun resumes: same seed, same trials. Cost: O(trials x keys).
 *
 * @example sampleTrials({ seed: 7, metric: 'macro_auc_roc', trials: 2, params: { epochs: { kind: 'integer', min: 1, max: 3 } } })
 *   // [{ number: 1, values: { epochs: 2 } }, { number: 2, values: { epochs: 1 } }] (values depend on the seed)
 */
export function sampleTrials(search: SearchDeclaration): SearchTrial[] {
  const count = search.trials ?? DEFAULT_SEARCH_TRIALS;
  return Array.from({ length: count }, (_, i) => {
    const number = i + 1;
    const values: Record<string, unknown> = {};
    for (const [key, range] of Object.entries(search.params))
      values[key] = sampleRange(range, createRng(search.seed, `search trial ${number} ${key}`).next());
    return { number, values };
  });
}
