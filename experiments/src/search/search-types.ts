/**
 * The shape of an experiment's seeded search (ExperimentDefinition.search): ranges over config keys,
 * how many trials, the seed they are drawn from, the validation metric the best trial is chosen by
 * and the levels the search runs on. A declaration is data; validateSearch checks it, sampleTrials
 * draws its trials, and resolveExperiment turns them into cells like any level's.
 */

/** One range of a searched config key. */
export type SearchRange =
  /** exp(uniform(log min, log max)): learning rates, weight decay; 0 < min < max. */
  | { kind: 'log-uniform'; min: number; max: number }
  /** Uniform in [min, max): rates such as dropout; min < max. */
  | { kind: 'uniform'; min: number; max: number }
  /** An integer from min to max inclusive: patiences, epochs; min <= max. */
  | { kind: 'integer'; min: number; max: number }
  /** One of `values` with equal probability (JSON values, distinct). */
  | { kind: 'choice'; values: readonly unknown[] };

/** The range kinds, in the order error messages list them. */
export const SEARCH_RANGE_KINDS = ['log-uniform', 'uniform', 'integer', 'choice'] as const;

/** The default trial count: the five trials of seed 001's Bayesian sweep (001, section 4). */
export const DEFAULT_SEARCH_TRIALS = 5;

/** The run seed trials train with when the declaration names none (outside the thesis' seeds 1-3; see SearchDeclaration.trialSeed). */
export const DEFAULT_TRIAL_SEED = 0;

export interface SearchDeclaration {
  /** Dotted config key (array items by index, e.g. 'model.head.0.dropout') -> its range. */
  params: Readonly<Record<string, SearchRange>>;
  /** How many trials per searched level; default 5. */
  trials?: number;
  /** The seed the trials' values are drawn from: same seed, same trials. */
  seed: number;
  /**
   * The metric the best trial maximises, read from the validation split ('val') of results.db and
   * never from test, so the test numbers the replication reports were not used to choose it.
   * One of the definition's `metrics` (the trainer stores the same names for both splits).
   */
  metric: string;
  /** Levels searched (each gets its own trials and its own best); default every level. */
  levels?: readonly string[];
  /**
   * The run seed every trial trains with; default 0. Kept apart from the experiment's seeds so the
   * replicates the Welch tests compare are fresh draws, not the run that won the selection (whose
   * validation score is biased upward by having been picked).
   */
  trialSeed?: number;
}

/** One drawn trial: its 1-based number and the value of each searched key. */
export interface SearchTrial {
  number: number;
  values: Record<string, unknown>;
}
