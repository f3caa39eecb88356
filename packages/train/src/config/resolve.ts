import { TrainConfigError } from '../errors.ts';
import { presetConfig } from './presets.ts';
import { SECTION_DEFAULTS } from './presets.ts';
import { RUN_CONFIG_SCHEMA } from './run-config-schema.ts';
import type { RunConfig, RunConfigOverrides } from './run-config.ts';
import { validateConfig } from './schema.ts';

/** An override layer and where it came from (named in error messages). */
export interface ConfigLayer {
  source: string;
  values: RunConfigOverrides | Record<string, unknown>;
}

/**
 * Resolves a run config: the base, then each override layer deep-merged in order (objects merge
 * key by key; arrays, numbers, strings and null replace; an object over a null section starts
 * from that section's defaults, e.g. `{schedule: {rampup: {decay: 0.9}}}`). Every layer is checked
 * for unknown keys before merging and the result is checked completely, so a typo fails before any
 * work. Returns a deep-frozen copy; the inputs are not modified.
 *
 * @throws TrainConfigError naming the layer's source, the dotted key and the valid keys.
 * @example resolveConfig(presetConfig('smoke'), [{source: '--epochs', values: {epochs: 3}}]).epochs // 3
 */
export function resolveConfig(base: RunConfig, layers: ConfigLayer[] = []): RunConfig {
  validateConfig(base, RUN_CONFIG_SCHEMA, 'resolveConfig(base)', false);
  let merged: unknown = structuredClone(base);
  for (const layer of layers) {
    validateConfig(layer.values, RUN_CONFIG_SCHEMA, layer.source, true);
    merged = mergeInto(merged, layer.values, '');
  }
  validateConfig(merged, RUN_CONFIG_SCHEMA, layers.length ? layers[layers.length - 1]!.source : 'resolveConfig', false);
  return deepFreeze(merged as RunConfig);
}

/**
 * Reads a config file's JSON: `{"extends": PRESET, ...overrides}` (extends defaults to 'paper').
 *
 * @throws TrainConfigError for an unknown preset or key, naming the file.
 * @example configFromJson({extends: 'smoke', epochs: 1}, 'my.json').epochs // 1
 */
export function configFromJson(json: unknown, source: string): RunConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new TrainConfigError(source, '(root)', 'expected a JSON object');
  const { extends: preset = 'paper', ...values } = json as Record<string, unknown>;
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
