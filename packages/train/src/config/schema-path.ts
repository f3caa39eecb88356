/**
 * Walking a zod config schema by key: what a dotted key refers to, which keys an object section
 * has. Used to word config errors (valid keys, expected forms) and to check `--set` keys.
 */
import { z } from 'zod';

/** A path into a config value: object keys and array indices, as zod's issues give them. */
export type ConfigPath = readonly PropertyKey[];

/** What a union (or another form) accepts, in words, for its error messages: "'auto' or a number > 0". */
export const CONFIG_EXPECTED = z.registry<{ expected: string }>();

type Def = { type: string; innerType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> } & Record<string, unknown>;

function def(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/**
 * The schema without its optional / nullable / default / readonly wrappers.
 *
 * @example unwrapSchema(z.number().nullable()) // the z.number()
 */
export function unwrapSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if (!['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional'].includes(d.type) || !d.innerType) return s;
    s = d.innerType;
  }
}

/**
 * The keys of the object section `schema` describes (through wrappers, and through a union that has
 * one object form such as `init`), or null when it is not an object section.
 *
 * @example objectKeys(z.strictObject({ a: z.number() })) // ['a']
 */
export function objectKeys(schema: z.core.$ZodType): string[] | null {
  const object = objectForm(schema);
  return object ? Object.keys(def(object).shape!) : null;
}

function objectForm(schema: z.core.$ZodType): z.core.$ZodType | null {
  const s = unwrapSchema(schema);
  const d = def(s);
  if (d.type === 'object') return s;
  if (d.type === 'union') {
    for (const option of d['options'] as z.core.$ZodType[]) {
      const o = objectForm(option);
      if (o) return o;
    }
  }
  return null;
}

/**
 * The schema one key below `schema` (an object field, an array element, a tuple item), or null
 * when there is no such key.
 *
 * @example childSchema(RUN_CONFIG_SCHEMA, 'epochs') // the epochs schema
 */
export function childSchema(schema: z.core.$ZodType, key: PropertyKey): z.core.$ZodType | null {
  const s = unwrapSchema(schema);
  const d = def(s);
  if (typeof key === 'number') {
    if (d.type === 'array') return d['element'] as z.core.$ZodType;
    if (d.type === 'tuple') return (d['items'] as z.core.$ZodType[])[key] ?? null;
    return null;
  }
  const object = objectForm(s);
  if (!object) return null;
  const shape = def(object).shape!;
  return Object.hasOwn(shape, key as string) ? shape[key as string]! : null;
}

/**
 * The schema at `path` below `schema`, or null where the path leaves it.
 *
 * @example schemaAtPath(RUN_CONFIG_SCHEMA, ['model', 'head', 0, 'units']) // the units schema
 */
export function schemaAtPath(schema: z.core.$ZodType, path: ConfigPath): z.core.$ZodType | null {
  let s: z.core.$ZodType | null = schema;
  for (const key of path) {
    if (!s) return null;
    s = childSchema(s, key);
  }
  return s;
}

/**
 * The registered words for what a schema accepts (CONFIG_EXPECTED), looking through wrappers.
 *
 * @example expectedText(z.union([z.literal('auto'), z.number()]).register(CONFIG_EXPECTED, { expected: "'auto' or a number" }))
 * // "'auto' or a number"
 */
export function expectedText(schema: z.core.$ZodType | null): string | undefined {
  if (!schema) return undefined;
  return CONFIG_EXPECTED.get(schema)?.expected ?? CONFIG_EXPECTED.get(unwrapSchema(schema))?.expected;
}

/**
 * The dotted form of a path: `model.head[0].units`; '(root)' for the empty path.
 *
 * @example formatPath(['model', 'head', 0, 'units']) // 'model.head[0].units'
 */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || '(root)';
}

/**
 * The value at `path` inside `value` (undefined where the path leaves it).
 *
 * @example valueAtPath({ a: [1, { b: 2 }] }, ['a', 1, 'b']) // 2
 */
export function valueAtPath(value: unknown, path: ConfigPath): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
