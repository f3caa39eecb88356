/**
 * `--set KEY=VALUE` (`cxr train`, `cxr config show`): one config key changed from the command line,
 * as an override layer named after the flag.
 */
import { describeValue } from '@cxr/core';
import { TrainConfigError } from '../errors.ts';
import { unknownKeyDetail } from './parse-config.ts';
import type { ConfigLayer } from './resolve.ts';
import { RUN_CONFIG_SCHEMA } from './run-config.ts';
import { childSchema, objectKeys, unwrapSchema } from './schema-path.ts';

/**
 * Turns `KEY=VALUE` into an override layer: the dotted KEY names a key of the run config (checked
 * here against the schema, with "did you mean" for a typo), VALUE is parsed as JSON when it parses
 * (`3`, `null`, `true`, `[0.7,0.1,0.2]`, `{"weights":"w"}`) and taken as a string otherwise
 * (`mobilenetv2`, `/data/padchest`). Arrays are set whole (`model.head=[{"units":64,"dropout":0.2}]`);
 * resolveConfig then checks the value's type and range, naming the same `--set ...` source.
 *
 * @throws TrainConfigError for a missing '=', an empty or unknown key, or a key below a value that is not a section.
 * @example overrideFromSet('model.backbone=mobilenetv2')
 * // { source: '--set model.backbone=mobilenetv2', values: { model: { backbone: 'mobilenetv2' } } }
 */
export function overrideFromSet(spec: string): ConfigLayer {
  const source = `--set ${spec}`;
  const eq = spec.indexOf('=');
  const key = eq < 0 ? spec : spec.slice(0, eq).trim();
  if (eq < 0 || key === '') {
    throw new TrainConfigError(
      source,
      key || '(root)',
      `expected KEY=VALUE (e.g. model.backbone=mobilenetv2), received ${describeValue(spec)}`,
    );
  }
  const parts = key.split('.');
  let schema = RUN_CONFIG_SCHEMA as Parameters<typeof childSchema>[0];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const here = parts.slice(0, i + 1).join('.');
    const valid = objectKeys(schema);
    if (!valid) {
      const parent = parts.slice(0, i).join('.');
      const kind = unwrapSchema(schema)._zod.def.type;
      const hint = kind === 'array' || kind === 'tuple' ? `; set it whole, e.g. ${parent}=[...]` : '';
      throw new TrainConfigError(
        source,
        here,
        `'${parent}' is a ${kind === 'tuple' ? 'array' : kind} value, not a section with keys${hint}`,
      );
    }
    if (part === '')
      throw new TrainConfigError(source, key, `expected a dotted key such as model.backbone, received ${describeValue(key)}`);
    const child = childSchema(schema, part);
    if (!child) throw new TrainConfigError(source, here, unknownKeyDetail(part, valid));
    schema = child;
  }
  const text = spec.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  let values: unknown = value;
  for (const part of [...parts].reverse()) values = { [part]: values };
  return { source, values: values as Record<string, unknown> };
}
