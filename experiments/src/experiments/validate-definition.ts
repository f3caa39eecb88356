/**
 * Checks an experiment definition before anything runs: its shape (levels, seeds, metrics,
 * comparisons, published figures) and that its base, its own profile layers, every level's
 * override and its search are valid run configs, so a typo in experiments/src/experiments/<name>.ts fails at once, naming the file, the
 * level and the key.
 */
import { describeValue } from '@cxr/core';
import { didYouMean, PAPER_CONFIG, resolveConfig, TrainConfigError, type ConfigLayer, type RunConfig } from '@cxr/train';
import { MAX_SEED } from '../cli/parse-seed.ts';
import { searchLabels } from '../search/search-labels.ts';
import type { SearchDeclaration } from '../search/search-types.ts';
import { validateSearch } from '../search/validate-search.ts';
import type { ExperimentDefinition } from './definition.ts';
import { definitionFile, ExperimentDefinitionError } from './errors.ts';
import { PROFILE_NAMES } from './profiles/index.ts';

const COMPARISON_KINDS = ['pair', 'best-vs-next', 'vs-reference'];

/**
 * Validates `definition` completely and returns nothing; the first problem throws.
 * Checked: a kebab-case name; at least one level, each with a non-empty label unique in the
 * experiment and a string regime; seeds (distinct integers 0..2^31-1) and metrics (distinct names)
 * non-empty; every level named by a comparison or published comparison exists, every published
 * metric is one of `metrics`; `base` over PAPER_CONFIG, and each level's override and each of the
 * definition's `profiles` layers over that, pass resolveConfig (unknown keys, wrong types, unknown
 * names such as backbones and losses); `profiles` names only known profiles; `search` passes
 * validateSearch. Comparisons may name the labels a search adds ('best', 'search:trial-2').
 * Cost: one resolveConfig per level.
 *
 * @throws ExperimentDefinitionError naming experiments/src/experiments/<name>.ts, the level, the key, what was expected and what arrived.
 * @example validateDefinition(findExperiment('table2-unfreeze')) // passes
 */
export function validateDefinition(definition: ExperimentDefinition): void {
  const d = definition as Partial<Record<keyof ExperimentDefinition, unknown>>;
  if (typeof d.name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.name))
    throw new ExperimentDefinitionError(
      definitionFile(String(d.name)),
      null,
      'name',
      `expected a kebab-case name (its file name, e.g. 'table2-unfreeze'), received ${describeValue(d.name)}`,
    );
  const file = definitionFile(d.name);
  const fail = (key: string, detail: string, level: string | null = null): never => {
    throw new ExperimentDefinitionError(file, level, key, detail);
  };

  if (!Array.isArray(d.levels) || d.levels.length === 0) fail('levels', `expected at least one level, received ${describeValue(d.levels)}`);
  const labels: string[] = [];
  definition.levels.forEach((level, i) => {
    const label: unknown = level?.label;
    if (typeof label !== 'string' || label.trim() === '')
      fail(`levels[${i}].label`, `expected a non-empty label, received ${describeValue(label)}`);
    if (labels.includes(label as string))
      fail(
        `levels[${i}].label`,
        `duplicate level label ${describeValue(label)} (levels[${labels.indexOf(label as string)}] has it too); labels must be unique`,
      );
    if (typeof level.regime !== 'string')
      fail(`levels[${i}].regime`, `expected a string ('' where the table has no regime column), received ${describeValue(level.regime)}`);
    labels.push(label as string);
  });

  checkSeeds(d.seeds, (detail) => fail('seeds', detail));
  if (!Array.isArray(d.metrics) || d.metrics.length === 0 || !d.metrics.every((m) => typeof m === 'string' && m !== ''))
    fail(
      'metrics',
      `expected a non-empty array of metric names (e.g. ['macro_auc_roc', 'macro_pr_auc']), received ${describeValue(d.metrics)}`,
    );
  const metrics = d.metrics as string[];
  if (new Set(metrics).size !== metrics.length) fail('metrics', `expected distinct metric names, received ${metrics.join(', ')}`);

  // comparisons may name what a search adds ('best', 'search:trial-2'); a malformed search is reported below, by validateSearch
  const compared = [...labels, ...(isSearchShaped(d.search) ? searchLabels(d.search, labels) : [])];
  const knownLevel = (key: string, name: unknown): void => {
    if (typeof name !== 'string' || !compared.includes(name))
      fail(
        key,
        `unknown level ${describeValue(name)}${typeof name === 'string' ? didYouMean(name, compared) : ''}; levels: ${compared.map((l) => `'${l}'`).join(', ')}`,
      );
  };
  const knownMetric = (key: string, name: unknown, level: string | null = null): void => {
    if (typeof name !== 'string' || !metrics.includes(name))
      fail(
        key,
        `unknown metric ${describeValue(name)}${typeof name === 'string' ? didYouMean(name, metrics) : ''}; the experiment's metrics: ${metrics.join(', ')}`,
        level,
      );
  };
  if (!Array.isArray(d.comparisons)) fail('comparisons', `expected an array (may be empty), received ${describeValue(d.comparisons)}`);
  definition.comparisons.forEach((c, i) => {
    const kind: unknown = c?.kind;
    if (!COMPARISON_KINDS.includes(kind as string))
      fail(`comparisons[${i}].kind`, `expected one of ${COMPARISON_KINDS.join(', ')}, received ${describeValue(kind)}`);
    if (c.kind === 'pair') {
      knownLevel(`comparisons[${i}].a`, c.a);
      knownLevel(`comparisons[${i}].b`, c.b);
      if (c.a === c.b) fail(`comparisons[${i}]`, `a level compared with itself (${describeValue(c.a)})`);
    } else if (c.kind === 'vs-reference') knownLevel(`comparisons[${i}].reference`, c.reference);
  });
  if (d.publishedComparisons !== undefined && !Array.isArray(d.publishedComparisons))
    fail('publishedComparisons', `expected an array, received ${describeValue(d.publishedComparisons)}`);
  (definition.publishedComparisons ?? []).forEach((c, i) => {
    knownLevel(`publishedComparisons[${i}].a`, c?.a);
    knownLevel(`publishedComparisons[${i}].b`, c.b);
    knownMetric(`publishedComparisons[${i}].metric`, c.metric);
    for (const key of ['t', 'tCritical', 'p'] as const)
      if (typeof c[key] !== 'number' || !Number.isFinite(c[key]) || c[key] < 0)
        fail(`publishedComparisons[${i}].${key}`, `expected a finite number >= 0, received ${describeValue(c[key])}`);
  });
  definition.levels.forEach((level) => {
    for (const [metric, summary] of Object.entries(level.published ?? {})) {
      knownMetric(`published.${metric}`, metric, level.label);
      if (!summary || !Number.isFinite(summary.mean) || !Number.isFinite(summary.sd))
        fail(`published.${metric}`, `expected {mean, sd} of finite numbers, received ${describeValue(summary)}`, level.label);
    }
  });

  const base = baseLayer(definition);
  const withBase = resolveDefinitionLayers(definition, PAPER_CONFIG, [base]);
  const levelConfigs = new Map(
    definition.levels.map((level) => [level.label, resolveDefinitionLayers(definition, withBase, [levelLayer(definition, level.label)])]),
  );

  if (d.profiles !== undefined) {
    if (typeof d.profiles !== 'object' || d.profiles === null || Array.isArray(d.profiles))
      fail('profiles', `expected an object {profile name: config override}, received ${describeValue(d.profiles)}`);
    for (const name of Object.keys(d.profiles as Record<string, unknown>)) {
      if (!PROFILE_NAMES.includes(name))
        fail(
          `profiles.${name}`,
          `unknown profile ${describeValue(name)}${didYouMean(name, PROFILE_NAMES)}; valid profiles: ${PROFILE_NAMES.join(', ')}`,
        );
      resolveDefinitionLayers(definition, withBase, [experimentProfileLayer(definition, name)!]);
    }
  }
  for (const level of definition.levels) {
    const own = (level as { profiles?: unknown }).profiles;
    if (own === undefined) continue;
    if (typeof own !== 'object' || own === null || Array.isArray(own))
      fail('profiles', `expected an object {profile name: config override}, received ${describeValue(own)}`, level.label);
    for (const name of Object.keys(own as object)) {
      if (!PROFILE_NAMES.includes(name))
        fail(
          `profiles.${name}`,
          `unknown profile ${describeValue(name)}${didYouMean(name, PROFILE_NAMES)}; valid profiles: ${PROFILE_NAMES.join(', ')}`,
          level.label,
        );
      resolveDefinitionLayers(definition, levelConfigs.get(level.label)!, [levelProfileLayer(definition, level.label, name)!]);
    }
  }
  if (d.search !== undefined) validateSearch(d.search, { name: definition.name, metrics, levelConfigs });
}

function isSearchShaped(search: unknown): search is SearchDeclaration {
  const s = search as Partial<SearchDeclaration> | undefined;
  return typeof s === 'object' && s !== null && typeof s.params === 'object' && (s.levels === undefined || Array.isArray(s.levels));
}

/** Level `label`'s own layer for profile `name` (its `profiles[name]`), or null when it has none. */
export function levelProfileLayer(definition: ExperimentDefinition, label: string, name: string): ConfigLayer | null {
  const values = definition.levels.find((l) => l.label === label)?.profiles?.[name];
  return values === undefined ? null : { source: `${definitionFile(definition.name)} level '${label}' profiles.${name}`, values };
}

/** The definition's own layer for profile `name` (its `profiles[name]`), or null when it has none. */
export function experimentProfileLayer(definition: ExperimentDefinition, name: string): ConfigLayer | null {
  const values = definition.profiles?.[name];
  return values === undefined ? null : { source: `${definitionFile(definition.name)} profiles.${name}`, values };
}

/** The layer of a definition's base, named after its file. */
export function baseLayer(definition: ExperimentDefinition): ConfigLayer {
  return { source: `${definitionFile(definition.name)} base`, values: definition.base };
}

/** The layer of one level's override, named after its file and label. */
export function levelLayer(definition: ExperimentDefinition, label: string): ConfigLayer {
  const level = definition.levels.find((l) => l.label === label);
  return { source: `${definitionFile(definition.name)} level '${label}'`, values: level?.override ?? {} };
}

/**
 * resolveConfig(config, layers), with a failure of the definition's own layers (its base or a
 * level) turned into an ExperimentDefinitionError naming the file, the level and the key; failures
 * of other layers (a profile, --set) are rethrown as they are, since they name their own source.
 *
 * @throws ExperimentDefinitionError or TrainConfigError.
 * @example resolveDefinitionLayers(def, PAPER_CONFIG, [baseLayer(def)]).model.backbone // 'efficientnetb0'
 */
export function resolveDefinitionLayers(definition: ExperimentDefinition, config: RunConfig, layers: ConfigLayer[]): RunConfig {
  try {
    return resolveConfig(config, layers);
  } catch (error) {
    if (!(error instanceof TrainConfigError)) throw error;
    const detail = error.message.slice(`${error.source}: config key '${error.path}': `.length);
    if (error.source === baseLayer(definition).source)
      throw new ExperimentDefinitionError(definitionFile(definition.name), null, `base.${error.path}`, detail);
    const level = definition.levels.find((l) => levelLayer(definition, l.label).source === error.source);
    if (level) throw new ExperimentDefinitionError(definitionFile(definition.name), level.label, `override.${error.path}`, detail);
    for (const l of definition.levels)
      for (const name of Object.keys(l.profiles ?? {}))
        if (levelProfileLayer(definition, l.label, name)?.source === error.source)
          throw new ExperimentDefinitionError(definitionFile(definition.name), l.label, `profiles.${name}.${error.path}`, detail);
    const profile = Object.keys(definition.profiles ?? {}).find(
      (name) => experimentProfileLayer(definition, name)?.source === error.source,
    );
    if (profile !== undefined)
      throw new ExperimentDefinitionError(definitionFile(definition.name), null, `profiles.${profile}.${error.path}`, detail);
    throw error;
  }
}

/**
 * Calls `fail` with the reason when `seeds` is not a non-empty array of distinct integer seeds in 0..2^31-1.
 *
 * @example checkSeeds([1, 1], (d) => { throw new Error(d); }) // throws 'expected distinct seeds, received 1 twice'
 */
export function checkSeeds(seeds: unknown, fail: (detail: string) => never): void {
  if (!Array.isArray(seeds) || seeds.length === 0) fail(`expected a non-empty array of seeds, received ${describeValue(seeds)}`);
  const list = seeds as unknown[];
  for (const seed of list)
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
      fail(`expected integer seeds from 0 to ${MAX_SEED}, received ${describeValue(seed)}`);
  const dup = list.find((s, i) => list.indexOf(s) !== i);
  if (dup !== undefined) fail(`expected distinct seeds, received ${describeValue(dup)} twice`);
}
