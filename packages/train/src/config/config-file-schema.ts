/**
 * The JSON Schema of a config file (`cxr config schema > run-config.schema.json`), so editors
 * complete keys and names and flag typos: a file is `{"$schema"?: PATH, "extends"?: PRESET,
 * ...overrides}`, checked exactly as configFromJson checks it.
 */
import { z } from 'zod';
import { RUN_CONFIG_OVERRIDES_SCHEMA } from './overrides-schema.ts';
import { PRESET_NAMES } from './presets.ts';

/** A config file's JSON: the overrides plus `extends` (default 'paper') and an editor's `$schema`. */
export const RUN_CONFIG_FILE_SCHEMA = z.strictObject({
  $schema: z.string().optional().describe('Where editors find this schema, e.g. "./run-config.schema.json"'),
  extends: z
    .enum(PRESET_NAMES as [string, ...string[]])
    .optional()
    .describe("The preset this file overrides (default 'paper')"),
  ...(RUN_CONFIG_OVERRIDES_SCHEMA as unknown as z.ZodObject).shape,
});

/**
 * The config file schema as JSON Schema (draft 2020-12), from the same zod schema resolveConfig
 * uses, so the two cannot drift apart.
 *
 * @example configFileJsonSchema().properties.extends.enum // ['paper', 'thesis-intermediate', 'thesis-final', 'smoke']
 */
export function configFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(RUN_CONFIG_FILE_SCHEMA, { target: 'draft-2020-12', io: 'input' }),
    title: 'cxr-ablate run config file',
    description: 'A run configuration: {"extends": PRESET, ...overrides}; keys left out keep the preset\'s values.',
  };
}
