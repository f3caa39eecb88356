/**
 * The schema of an override layer, derived from RUN_CONFIG_SCHEMA (never written out a second
 * time): every object section's keys become optional at any depth, so a layer may name just the
 * keys it changes; unknown keys and wrong types are still refused. Arrays, unions (`init`) and
 * single values are replaced whole by a layer, so they keep their complete schema.
 */
import { z } from 'zod';
import { RUN_CONFIG_SCHEMA, type RunConfigOverrides } from './run-config.ts';

/**
 * The deep-partial form of a config schema: objects (also nullable or optional ones, which a partial override
 * switches on from the section's defaults) get optional keys, recursively; everything else is kept.
 *
 * @example deepPartialSchema(z.strictObject({ a: z.strictObject({ b: z.number() }) })).parse({ a: {} }) // { a: {} }
 */
export function deepPartialSchema(schema: z.core.$ZodType): z.core.$ZodType {
  const d = schema._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> };
  if (d.type === 'optional' && d.innerType) return z.optional(deepPartialSchema(d.innerType));
  if (d.type === 'nullable' && d.innerType && d.innerType._zod.def.type === 'object') return z.nullable(deepPartialSchema(d.innerType));
  if (d.type !== 'object' || !d.shape) return schema;
  const shape = Object.fromEntries(Object.entries(d.shape).map(([key, field]) => [key, z.optional(deepPartialSchema(field))]));
  const partial = z.strictObject(shape);
  const meta = z.globalRegistry.get(schema);
  return meta ? partial.meta(meta) : partial;
}

/** What one override layer (a config file's body, a flag, a `--set`) may hold. */
export const RUN_CONFIG_OVERRIDES_SCHEMA = deepPartialSchema(RUN_CONFIG_SCHEMA) as z.ZodType<RunConfigOverrides>;
