/** The labels a search's cells are registered under in results.db. */
import { DEFAULT_SEARCH_TRIALS, type SearchDeclaration } from './search-types.ts';

/** The levels a declaration searches: its `levels`, else every level of the definition. */
export function searchedLevels(search: SearchDeclaration, levels: readonly string[]): string[] {
  return [...(search.levels ?? levels)];
}

/** Prefix of a searched level's labels when the search covers more than one level. */
function prefix(level: string, many: boolean): string {
  return many ? `${level} ` : '';
}

/**
 * Trial `n`'s label: 'search:trial-3', or 'DenseNet121 U-Ones search:trial-3' when several levels are searched.
 *
 * @example trialLabel('a', 3, false) // 'search:trial-3'
 */
export function trialLabel(level: string, n: number, many: boolean): string {
  return `${prefix(level, many)}search:trial-${n}`;
}

/**
 * The label of the best trial's replication over the experiment's seeds: 'best', or '<level> best'.
 *
 * @example bestLabel('a', true) // 'a best'
 */
export function bestLabel(level: string, many: boolean): string {
  return `${prefix(level, many)}best`;
}

/**
 * Every label a search adds (each trial, then each best), for validating comparisons that name them.
 *
 * @example searchLabels({ seed: 1, metric: 'm', trials: 2, params: {} }, ['a']) // ['search:trial-1', 'search:trial-2', 'best']
 */
export function searchLabels(search: SearchDeclaration, levels: readonly string[]): string[] {
  const searched = searchedLevels(search, levels);
  const many = searched.length > 1;
  const trials = search.trials ?? DEFAULT_SEARCH_TRIALS;
  return searched.flatMap((level) => [...Array.from({ length: trials }, (_, i) => trialLabel(level, i + 1, many)), bestLabel(level, many)]);
}
