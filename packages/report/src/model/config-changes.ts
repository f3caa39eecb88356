/** What each level changes: dotted paths where its stored config differs from the base. */
import { canonicalJson, type ResultsStore } from '@cxr/results';
import type { ConfigChange } from '../report-types.ts';
import type { LevelRuns } from './select-level-runs.ts';

/**
 * The changes of every level with a stored config (levels in table order, paths sorted). Against
 * `baseConfig` when given: every leaf path where the level's config (store.getConfig) differs from
 * it. Without one: every leaf path whose value is not shared by all levels, with base null (there
 * is no single base value then). Objects are walked; arrays and other values are leaves compared
 * by canonical JSON; a path missing on one side reads null.
 *
 * @example configChanges(store, levels, base)[0] // { level: '0 %', path: 'model.unfreeze', base: 0.9, value: 0 }
 */
export function configChanges(store: ResultsStore, levels: readonly LevelRuns[], baseConfig?: unknown): ConfigChange[] {
  const configs = levels.filter((l) => l.configId !== null).map((l) => ({ level: l.label, leaves: flatten(store.getConfig(l.configId!)) }));
  if (baseConfig !== undefined) {
    const base = flatten(baseConfig);
    return configs.flatMap(({ level, leaves }) =>
      unionPaths([base, leaves])
        .filter((path) => !same(base.get(path), leaves.get(path)))
        .map((path) => ({ level, path, base: base.get(path) ?? null, value: leaves.get(path) ?? null })),
    );
  }
  const paths = unionPaths(configs.map((c) => c.leaves));
  const varying = paths.filter((path) => configs.some((c) => !same(c.leaves.get(path), configs[0]!.leaves.get(path))));
  return configs.flatMap(({ level, leaves }) => varying.map((path) => ({ level, path, base: null, value: leaves.get(path) ?? null })));
}

/** Leaf values by dotted path (objects walked; arrays, primitives and null are leaves). */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix !== '') out.set(prefix, {});
    for (const [key, v] of entries) flatten(v, prefix === '' ? key : `${prefix}.${key}`, out);
  } else if (prefix !== '') out.set(prefix, value);
  return out;
}

function unionPaths(maps: readonly Map<string, unknown>[]): string[] {
  return [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();
}

function same(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}
