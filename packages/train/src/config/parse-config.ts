/**
 * Checks a config value against its zod schema and turns the first problem into a TrainConfigError
 * worded like the rest of the project: the source (layer or file), the dotted key, what was
 * expected, what arrived, "did you mean" for a near miss and the valid keys or names.
 */
import { describeValue } from '@cxr/core';
import type { z } from 'zod';
import { TrainConfigError } from '../errors.ts';
import { didYouMean } from './did-you-mean.ts';
import { expectedText, formatPath, objectKeys, schemaAtPath, unwrapSchema, valueAtPath } from './schema-path.ts';

/**
 * Parses `value` with `schema`; returns zod's output (a fresh copy with defaults applied).
 * Unknown keys are reported before other problems (a typo also makes its intended key look
 * missing); further problems are counted and their keys listed at the end of the message.
 *
 * @throws TrainConfigError naming `source`, the dotted key, what was expected and what arrived.
 * @example parseConfig(z.strictObject({ epochs: z.int().min(1) }), { epoch: 3 }, 'my.json')
 * // throws "my.json: config key 'epoch': unknown key (did you mean 'epochs'?); valid keys: epochs; 1 more problem: epochs"
 */
export function parseConfig<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = [...result.error.issues].sort((a, b) => rank(a) - rank(b));
  const first = issues[0]!;
  const { path, detail } = describeIssue(schema, value, first);
  const others = issues.slice(1).map((i) => (i.code === 'unrecognized_keys' ? formatPath([...i.path, i.keys[0]!]) : formatPath(i.path)));
  const more = others.length
    ? `; ${others.length} more problem${others.length > 1 ? 's' : ''}: ${others.slice(0, 4).join(', ')}${others.length > 4 ? ', ...' : ''}`
    : '';
  throw new TrainConfigError(source, path, detail + more);
}

function rank(issue: z.core.$ZodIssue): number {
  return issue.code === 'unrecognized_keys' ? 0 : 1;
}

/**
 * The dotted key and the "expected ..., received ..." words of one zod issue.
 *
 * @example describeIssue(schema, { epochs: 0 }, issue) // { path: 'epochs', detail: 'expected a number >= 1, received 0' }
 */
export function describeIssue(root: z.core.$ZodType, value: unknown, issue: z.core.$ZodIssue): { path: string; detail: string } {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const valid = objectKeys(schemaAtPath(root, issue.path) ?? root) ?? [];
    return { path: formatPath([...issue.path, key]), detail: unknownKeyDetail(key, valid) };
  }
  const received = valueAtPath(value, issue.path);
  const path = formatPath(issue.path);
  if (received === undefined) return { path, detail: 'missing' };
  const schema = schemaAtPath(root, issue.path);
  const words = expectedText(schema);
  const counted = (issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'array' && Array.isArray(received);
  const got = `received ${counted ? (received as unknown[]).length : describeValue(received)}`;
  const expected = words ? `expected ${words}` : expectedWords(issue, schema);
  return { path, detail: `${expected}, ${got}${nameHint(received, names(issue))}` };
}

/**
 * "unknown key (did you mean 'x'?); valid keys: a, b" - the same words for a config file, a layer
 * and a `--set` key.
 *
 * @example unknownKeyDetail('epoch', ['epochs', 'seed']) // "unknown key (did you mean 'epochs'?); valid keys: epochs, seed"
 */
export function unknownKeyDetail(key: string, valid: readonly string[]): string {
  return `unknown key${didYouMean(key, valid)}; valid keys: ${valid.join(', ')}`;
}

function expectedWords(issue: z.core.$ZodIssue, schema: z.core.$ZodType | null): string {
  switch (issue.code) {
    case 'invalid_type':
      switch (issue.expected) {
        case 'number':
          return 'expected a finite number';
        case 'int':
          return 'expected an integer';
        case 'string':
          return 'expected a string';
        case 'boolean':
          return 'expected true or false';
        case 'object':
          return 'expected an object';
        case 'array':
        case 'tuple':
          return 'expected an array';
        default:
          return `expected ${issue.expected}`;
      }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'string')
        return small && bound === 1
          ? 'expected a non-empty string'
          : `expected a string of ${bound} characters or ${small ? 'more' : 'fewer'}`;
      if (issue.origin === 'array') {
        const exact = schema && unwrapSchema(schema)._zod.def.type === 'tuple';
        return exact ? `expected ${bound} entries` : `expected ${small ? 'at least' : 'at most'} ${bound} entries`;
      }
      return `expected a number ${small ? '>' : '<'}${issue.inclusive ? '=' : ''} ${bound}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return `expected one of ${issue.errors.map((branch) => branch.map((b) => expectedWords(b, null)).join(' and ')).join(' or ')}`;
    default:
      return issue.message;
  }
}

/** The names an enum issue (or a union with enum forms) accepts, for "did you mean". */
function names(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'invalid_value') return issue.values.filter((v): v is string => typeof v === 'string');
  if (issue.code === 'invalid_union') return issue.errors.flat().flatMap(names);
  return [];
}

function nameHint(received: unknown, candidates: string[]): string {
  return typeof received === 'string' && candidates.length ? didYouMean(received, candidates) : '';
}
