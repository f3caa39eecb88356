/**
 * Checks an experiment's search declaration before anything runs: the ranges (kinds, bounds),
 * the trial count, seeds, metric and levels, and that every searched key, set to its range's ends
 * (each choice), still gives a valid run config on every searched level - so a typo in a key or a
 * bound outside the schema fails at once, naming the definition file and the key.
 */
import { describeValue } from '@cxr/core';
import { didYouMean, resolveConfig, TrainConfigError, type RunConfig } from '@cxr/train';
import { MAX_SEED } from '../cli/parse-seed.ts';
import { definitionFile, ExperimentDefinitionError } from '../experiments/errors.ts';
import { SEARCH_RANGE_KINDS, type SearchDeclaration, type SearchRange } from './search-types.ts';
import { trialOverride } from './trial-layer.ts';

/** The most trials one searched level may declare. */
export const MAX_SEARCH_TRIALS = 1000;

/** What validateSearch needs of the definition: its name, metrics and each level's config resolved without the search. */
export interface SearchContext {
  name: string;
  metrics: readonly string[];
  levelConfigs: ReadonlyMap<string, RunConfig>;
}

/**
 * Validates `search` (the definition's `search` key) and returns nothing; the first problem throws.
 *
 * @throws ExperimentDefinitionError naming experiments/src/experiments/<name>.ts and the key
 *   ('search.params.optimizer.lrHead.min', 'search.metric', ...), what was expected and what arrived.
 * @example validateSearch(seed001.search, { name, metrics, levelConfigs }) // passes
 */
export function validateSearch(search: unknown, context: SearchContext): void {
  const file = definitionFile(context.name);
  const fail = (key: string, detail: string): never => {
    throw new ExperimentDefinitionError(file, null, key, detail);
  };
  if (typeof search !== 'object' || search === null || Array.isArray(search))
    fail('search', `expected {params, seed, metric, trials?, levels?, trialSeed?}, received ${describeValue(search)}`);
  const s = search as Partial<Record<keyof SearchDeclaration, unknown>>;
  const known = ['params', 'trials', 'seed', 'metric', 'levels', 'trialSeed'];
  for (const key of Object.keys(s))
    if (!known.includes(key)) fail(`search.${key}`, `unknown key${didYouMean(key, known)}; valid keys: ${known.join(', ')}`);

  const params = s.params;
  if (typeof params !== 'object' || params === null || Array.isArray(params) || Object.keys(params).length === 0)
    fail('search.params', `expected at least one config key with its range, received ${describeValue(params)}`);
  for (const [key, range] of Object.entries(params as Record<string, unknown>)) checkRange(`search.params.${key}`, range, fail);

  if (s.trials !== undefined && !(Number.isInteger(s.trials) && (s.trials as number) >= 1 && (s.trials as number) <= MAX_SEARCH_TRIALS))
    fail('search.trials', `expected an integer from 1 to ${MAX_SEARCH_TRIALS}, received ${describeValue(s.trials)}`);
  for (const key of ['seed', 'trialSeed'] as const)
    if (
      (key === 'seed' || s[key] !== undefined) &&
      !(Number.isInteger(s[key]) && (s[key] as number) >= 0 && (s[key] as number) <= MAX_SEED)
    )
      fail(`search.${key}`, `expected an integer seed from 0 to ${MAX_SEED}, received ${describeValue(s[key])}`);
  if (typeof s.metric !== 'string' || !context.metrics.includes(s.metric))
    fail(
      'search.metric',
      `expected one of the experiment's metrics (read from the validation split, never test): ${context.metrics.join(', ')}; received ${describeValue(s.metric)}${typeof s.metric === 'string' ? didYouMean(s.metric, context.metrics) : ''}`,
    );
  const labels = [...context.levelConfigs.keys()];
  if (s.levels !== undefined) {
    if (!Array.isArray(s.levels) || s.levels.length === 0)
      fail('search.levels', `expected a non-empty array of level labels, received ${describeValue(s.levels)}`);
    (s.levels as unknown[]).forEach((level, i) => {
      if (typeof level !== 'string' || !labels.includes(level))
        fail(
          `search.levels[${i}]`,
          `unknown level ${describeValue(level)}${typeof level === 'string' ? didYouMean(level, labels) : ''}; levels: ${labels.map((l) => `'${l}'`).join(', ')}`,
        );
      if ((s.levels as unknown[]).indexOf(level) !== i) fail(`search.levels[${i}]`, `level ${describeValue(level)} listed twice`);
    });
  }

  const searched = (s.levels as string[] | undefined) ?? labels;
  for (const [key, range] of Object.entries(params as Record<string, SearchRange>)) {
    const ends = range.kind === 'choice' ? range.values : [range.min, range.max];
    for (const level of searched)
      for (const value of ends) {
        const config = context.levelConfigs.get(level)!;
        const values = trialOverride(config, { [key]: value }, (k, detail) => fail(`search.params.${k}`, detail));
        try {
          resolveConfig(config, [{ source: `${file} search.params.${key}`, values }]);
        } catch (error) {
          if (!(error instanceof TrainConfigError)) throw error;
          const detail = error.message.slice(`${error.source}: config key '${error.path}': `.length);
          fail(`search.params.${key}`, `${describeValue(value)} on level '${level}' is not a valid '${error.path}': ${detail}`);
        }
      }
  }
}

function checkRange(key: string, range: unknown, fail: (key: string, detail: string) => never): void {
  const r = range as Partial<Record<string, unknown>> | null;
  const kind = r?.['kind'];
  if (typeof r !== 'object' || r === null || !SEARCH_RANGE_KINDS.includes(kind as (typeof SEARCH_RANGE_KINDS)[number]))
    fail(
      `${key}.kind`,
      `expected a range with kind ${SEARCH_RANGE_KINDS.map((k) => `'${k}'`).join(', ')}, received ${describeValue(kind ?? range)}`,
    );
  if (kind === 'choice') {
    const values = r!['values'];
    if (!Array.isArray(values) || values.length === 0)
      fail(`${key}.values`, `expected a non-empty array of choices, received ${describeValue(values)}`);
    const texts = (values as unknown[]).map((v) => JSON.stringify(v));
    const dup = texts.find((t, i) => texts.indexOf(t) !== i);
    if (dup !== undefined) fail(`${key}.values`, `expected distinct choices, received ${dup} twice`);
    return;
  }
  const { min, max } = r as { min: unknown; max: unknown };
  for (const [end, v] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${key}.${end}`, `expected a finite number, received ${describeValue(v)}`);
    if (kind === 'integer' && !Number.isInteger(v))
      fail(`${key}.${end}`, `expected an integer for an 'integer' range, received ${describeValue(v)}`);
  }
  const lo = min as number;
  const hi = max as number;
  if (kind === 'log-uniform' && lo <= 0) fail(`${key}.min`, `expected min > 0 for a 'log-uniform' range, received ${describeValue(lo)}`);
  if (kind === 'integer' ? lo > hi : lo >= hi)
    fail(`${key}.max`, `expected max ${kind === 'integer' ? '>=' : '>'} min (${lo}), received ${describeValue(hi)}`);
}
