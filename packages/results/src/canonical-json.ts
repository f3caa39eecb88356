import { describeValue } from '@cxr/core';
import { ResultsArgumentError } from './errors.ts';

/**
 * Serialises a plain JSON value with object keys sorted (by UTF-16 code unit, recursively) and no
 * whitespace, so equal configs always give the same bytes and therefore the same hash. Arrays keep
 * their order. `-0` is written as `0` (as JSON.stringify does).
 *
 * Reference: the same output as RFC 8785 (JCS) for inputs made of strings, safe integers, booleans,
 * null, arrays and plain objects; other finite numbers use JavaScript's shortest round-trip form.
 * Cost: O(size of the value).
 *
 * @throws ResultsArgumentError for NaN, Infinity, undefined, functions, symbols, bigints, class
 *   instances (Date, Map, typed arrays ...) and cycles; the message gives the JSON path, e.g.
 *   `canonicalJson(value.optim.lr): expected a finite number, received NaN`.
 * @example canonicalJson({ b: [2, 1], a: { y: null, x: 'é' } }) // '{"a":{"x":"é","y":null},"b":[2,1]}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, 'value', new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  const fail = (expected: string): never => {
    throw new ResultsArgumentError('canonicalJson', path, expected, value);
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : fail('a finite number');
    case 'object': {
      if (value === null) return 'null';
      if (seen.has(value)) return fail('an acyclic value (this object contains itself)');
      seen.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value.map((v, i) => write(v, `${path}[${i}]`, seen)).join(',')}]`;
      } else {
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) fail(`a plain object, array or primitive (not ${describeValue(value)})`);
        const keys = Object.keys(value).sort();
        out = `{${keys
          .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`, seen)}`)
          .join(',')}}`;
      }
      seen.delete(value);
      return out;
    }
    default:
      return fail('a JSON value (string, finite number, boolean, null, array or plain object)');
  }
}
