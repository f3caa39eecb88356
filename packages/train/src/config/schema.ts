import { describeValue } from '@cxr/core';
import { TrainConfigError } from '../errors.ts';

/** A tiny structural schema for plain-JSON configs, so every typo gets a precise message. */
export type Schema =
  | { kind: 'number'; integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean }
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'object'; fields: Record<string, Schema> }
  | { kind: 'nullable'; of: Schema }
  | { kind: 'array'; of: Schema; length?: number; minLength?: number }
  | { kind: 'oneOf'; options: Schema[]; describe: string };

/**
 * Checks `value` against `schema`, throwing at the first problem with the dotted path of the key.
 * With `partial`, object fields may be missing (overrides); without, every field is required.
 *
 * @throws TrainConfigError naming the key, what was expected and (for unknown keys) the valid keys.
 * @example validateConfig({a: 1}, {kind: 'object', fields: {b: {kind: 'number'}}}, 'cfg', true)
 * // throws "cfg: config key 'a': unknown key; valid keys: b"
 */
export function validateConfig(value: unknown, schema: Schema, source: string, partial: boolean, path = ''): void {
  const fail = (detail: string): never => {
    throw new TrainConfigError(source, path || '(root)', detail);
  };
  switch (schema.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`expected a finite number, received ${describeValue(value)}`);
      if (schema.integer && !Number.isInteger(value)) return fail(`expected an integer, received ${value}`);
      if (schema.min !== undefined && (schema.exclusiveMin ? value <= schema.min : value < schema.min)) {
        return fail(`expected a number ${schema.exclusiveMin ? '>' : '>='} ${schema.min}, received ${value}`);
      }
      if (schema.max !== undefined && value > schema.max) return fail(`expected a number <= ${schema.max}, received ${value}`);
      return;
    }
    case 'string':
      if (typeof value !== 'string' || value.length === 0) fail(`expected a non-empty string, received ${describeValue(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`expected true or false, received ${describeValue(value)}`);
      return;
    case 'enum':
      if (!schema.values.includes(value as string))
        fail(`expected one of ${schema.values.map((v) => JSON.stringify(v)).join(', ')}, received ${describeValue(value)}`);
      return;
    case 'nullable':
      if (value !== null) validateConfig(value, schema.of, source, partial, path);
      return;
    case 'array': {
      if (!Array.isArray(value)) return fail(`expected an array, received ${describeValue(value)}`);
      if (schema.length !== undefined && value.length !== schema.length)
        fail(`expected ${schema.length} entries, received ${value.length}`);
      if (schema.minLength !== undefined && value.length < schema.minLength)
        fail(`expected at least ${schema.minLength} entries, received ${value.length}`);
      value.forEach((v, i) => validateConfig(v, schema.of, source, false, `${path}[${i}]`));
      return;
    }
    case 'oneOf': {
      for (const option of schema.options) {
        try {
          validateConfig(value, option, source, false, path);
          return;
        } catch {
          // try the next form
        }
      }
      return fail(`expected ${schema.describe}, received ${describeValue(value)}`);
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail(`expected an object, received ${describeValue(value)}`);
      const valid = Object.keys(schema.fields);
      for (const key of Object.keys(value)) {
        if (!(key in schema.fields)) {
          throw new TrainConfigError(
            source,
            path ? `${path}.${key}` : key,
            `unknown key${suggest(key, valid)}; valid keys: ${valid.join(', ')}`,
          );
        }
      }
      for (const key of valid) {
        const sub = path ? `${path}.${key}` : key;
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined) {
          if (!partial) throw new TrainConfigError(source, sub, 'missing');
          continue;
        }
        validateConfig(v, schema.fields[key]!, source, partial, sub);
      }
      return;
    }
  }
}

/** " (did you mean 'x'?)" for the closest valid key within edit distance 2. */
function suggest(key: string, valid: string[]): string {
  let best: string | null = null;
  let bestD = 3;
  for (const v of valid) {
    const d = editDistance(key.toLowerCase(), v.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
