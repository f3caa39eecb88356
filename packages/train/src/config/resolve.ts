import { TrainConfigError } from '../errors.ts';
import { RUN_CONFIG_OVERRIDES_SCHEMA } from './overrides-schema.ts';
import { parseConfig } from './parse-config.ts';
import { presetConfig, SECTION_DEFAULTS } from './presets.ts';
import { RUN_CONFIG_SCHEMA, type RunConfig, type RunConfigOverrides } from './run-config.ts';

/** An override layer and where it came from (named in error messages). */
export interface ConfigLayer {
  source: string;
  values: RunConfigOverrides | Record<string, unknown>;
}

/**
 * Resolves a run config: the base, then each override layer deep-merged in order (objects merge
 * key by key; arrays, numbers, strings and null replace; an object over a null section starts
 * from that section's defaults, e.g. `{schedule: {rampup: {decay: 0.9}}}`). The base is checked
 * completely (RUN_CONFIG_SCHEMA); every layer is checked against the deep-partial schema (unknown
 * keys, wrong types, names such as backbones and losses) before it is merged, and the merge after it
 * completely again, each naming that layer, so a typo fails before any work. Returns a deep-frozen
 * copy (the schema's output: defaults such as augment.fill filled in); the inputs are not modified.
 * Pure: nothing on disk is looked at (see checkRunPrerequisites).
 *
 * Oversampling and weighted sampling together are refused (they are alternatives).
 *
 * @throws TrainConfigError naming the layer's source, the dotted key, what was expected and what arrived;
 *   or 'sampling.weighted' when both it and sampling.oversample are set.
 * @example resolveConfig(presetConfig('smoke'), [{source: '--epochs', values: {epochs: 3}}]).epochs // 3
 */
export function resolveConfig(base: RunConfig, layers: ConfigLayer[] = []): RunConfig {
  let merged: unknown = parseConfig(RUN_CONFIG_SCHEMA, base, 'resolveConfig(base)');
  for (const layer of layers) {
    parseConfig(RUN_CONFIG_OVERRIDES_SCHEMA, layer.values, layer.source);
    merged = parseConfig(RUN_CONFIG_SCHEMA, mergeInto(merged, layer.values, ''), layer.source);
  }
  const sampling = (merged as RunConfig).sampling;
  if (sampling.oversample && sampling.weighted) {
    throw new TrainConfigError(
      'resolveConfig',
      'sampling.weighted',
      'weighted random sampling replaces oversampling: set sampling.oversample or sampling.weighted to null, not both',
    );
  }
  return deepFreeze(merged as RunConfig);
}

/**
 * Reads a config file's JSON: `{"$schema"?: PATH, "extends": PRESET, ...overrides}` (extends
 * defaults to 'paper'; `$schema` is for editors and ignored, see configFileJsonSchema).
 *
 * @throws TrainConfigError for an unknown preset or key, naming the file.
 * @example configFromJson({extends: 'smoke', epochs: 1}, 'my.json').epochs // 1
 */
export function configFromJson(json: unknown, source: string): RunConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new TrainConfigError(source, '(root)', 'expected a JSON object');
  const { extends: preset = 'paper', $schema, ...values } = json as Record<string, unknown>;
  if ($schema !== undefined && typeof $schema !== 'string')
    throw new TrainConfigError(source, '$schema', `expected the path or URL of a JSON Schema, received ${JSON.stringify($schema)}`);
  if (typeof preset !== 'string')
    throw new TrainConfigError(source, 'extends', `expected a preset name, received ${JSON.stringify(preset)}`);
  let base: RunConfig;
  try {
    base = presetConfig(preset);
  } catch (error) {
    throw new TrainConfigError(source, 'extends', (error as Error).message.replace(/^.*?: config key 'preset': /, ''));
  }
  return resolveConfig(base, [{ source, values }]);
}

function mergeInto(base: unknown, over: unknown, path: string): unknown {
  if (over === undefined) return base;
  if (over === null || typeof over !== 'object' || Array.isArray(over)) return structuredClone(over);
  const start = base === null || typeof base !== 'object' || Array.isArray(base) ? (SECTION_DEFAULTS[path] ?? {}) : base;
  const out: Record<string, unknown> = { ...(structuredClone(start) as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over as Record<string, unknown>)) {
    out[key] = mergeInto(out[key], value, path ? `${path}.${key}` : key);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
