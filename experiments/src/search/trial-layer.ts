/** A trial's sampled values as a config override layer (dotted keys, array items by index). */
import { describeValue } from '@cxr/core';
import type { RunConfig, RunConfigOverrides } from '@cxr/train';

/**
 * The override that sets each dotted `key` of `values` in `config`: objects are entered key by key;
 * an array met on the way (e.g. model.head in 'model.head.0.dropout') is copied whole from `config`,
 * since override layers replace arrays whole, and the item inside it is changed.
 *
 * Calls `fail(key, detail)` (which throws; the caller names the definition) when a key does not
 * lead to a value of `config`: a missing key, an index past an array's end, a key below a plain value.
 * @example trialOverride(PAPER_CONFIG, { 'optimizer.lrHead': 3e-4, 'model.head.0.dropout': 0.1 }, fail)
 *   // { optimizer: { lrHead: 3e-4 }, model: { head: [{ units: 512, dropout: 0.1 }] } }
 */
export function trialOverride(
  config: RunConfig,
  values: Readonly<Record<string, unknown>>,
  fail: (key: string, detail: string) => never,
): RunConfigOverrides {
  const layer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const parts = key.split('.');
    let source: unknown = config;
    let target: Record<string, unknown> | unknown[] = layer;
    parts.forEach((part, i) => {
      const here = parts.slice(0, i + 1).join('.');
      const isArray = Array.isArray(source);
      if (typeof source !== 'object' || source === null || (isArray && !/^(0|[1-9][0-9]*)$/.test(part)))
        fail(
          key,
          `'${parts.slice(0, i).join('.')}' is ${isArray ? `an array (name an item by its index, e.g. '${parts.slice(0, i).join('.')}.0'), received ${describeValue(part)}` : `the value ${describeValue(source)}, not a section`}`,
        );
      const next = (source as Record<string, unknown>)[part];
      if (next === undefined) fail(key, `the resolved config has no '${here}'`);
      const slot = target as Record<string, unknown>;
      if (i === parts.length - 1) slot[part] = structuredClone(value);
      else if (Array.isArray(next)) target = (slot[part] ??= structuredClone(next)) as unknown[];
      // inside an array copied above, the item is there already
      else target = (slot[part] ??= {}) as Record<string, unknown>;
      source = next;
    });
  }
  return layer as RunConfigOverrides;
}
