/**
 * A search's trials as cells: for each searched level, each trial's sampled values as a config
 * layer over that level's resolved config, one cell per trial at the trial seed, labelled
 * 'search:trial-N'. resolveExperiment appends them after the grid's cells.
 */
import { runConfigHash, type ConfigLayer, type RunConfig } from '@cxr/train';
import { definitionFile, ExperimentDefinitionError } from '../experiments/errors.ts';
import type { ResolvedCell } from '../experiments/resolve-experiment.ts';
import { sampleTrials } from './sample-trials.ts';
import { bestLabel, searchedLevels, trialLabel } from './search-labels.ts';
import { DEFAULT_TRIAL_SEED, type SearchDeclaration } from './search-types.ts';
import { trialOverride } from './trial-layer.ts';

/** One searched level: its trials' cells and the label its best trial is replicated under. */
export interface SearchedLevel {
  level: string;
  best: string;
  trials: ResolvedCell[];
}

/** The search part of a resolved experiment. */
export interface ResolvedSearch {
  declaration: SearchDeclaration;
  /** Validation metric maximised (stored split 'val'). */
  metric: string;
  trialSeed: number;
  levels: SearchedLevel[];
}

export interface SearchCellsContext {
  experiment: string;
  levels: readonly string[];
  /** The level's config as its grid cells have it (the trial's arrays are copied from it). */
  levelConfig: (level: string) => RunConfig;
  /** The level's config with `trial` inserted after the level's override (before --set layers). */
  resolveTrial: (level: string, trial: ConfigLayer) => RunConfig;
  firstIndex: number;
}

/**
 * The trial cells of a validated `search`, numbered from `context.firstIndex`, levels in the
 * declaration's order, then trials ascending.
 *
 * @throws TrainConfigError from resolveTrial when a profile or --set layer makes a sampled value invalid.
 * @example resolveSearchCells(def.search, ctx).levels[0].trials[2].level // 'search:trial-3'
 */
export function resolveSearchCells(search: SearchDeclaration, context: SearchCellsContext): ResolvedSearch {
  const file = definitionFile(context.experiment);
  const trials = sampleTrials(search);
  const searched = searchedLevels(search, context.levels);
  const many = searched.length > 1;
  const trialSeed = search.trialSeed ?? DEFAULT_TRIAL_SEED;
  let index = context.firstIndex;
  const levels = searched.map((level) => {
    const base = context.levelConfig(level);
    const cells = trials.map((trial): ResolvedCell => {
      const values = trialOverride(base, trial.values, (key, detail) => {
        throw new ExperimentDefinitionError(file, level, `search.params.${key}`, detail);
      });
      const label = trialLabel(level, trial.number, many);
      const config = context.resolveTrial(level, { source: `${file} ${label}`, values });
      return { index: index++, level: label, seed: trialSeed, configHash: runConfigHash(config), config, trial: { ...trial, of: level } };
    });
    return { level, best: bestLabel(level, many), trials: cells };
  });
  return { declaration: search, metric: search.metric, trialSeed, levels };
}
