import { DataArgumentError } from '../errors.ts';

/**
 * Parses a Python list-of-strings literal as PadChest writes its Labels column (`repr` of a list):
 * `['cardiomegaly', ' aortic elongation']`. Items may use single or double quotes and backslash
 * escapes; a trailing comma is allowed. Items are returned as written (not trimmed).
 *
 * Cost: one pass over the text.
 * Throws DataArgumentError when the text is not such a literal (a bare word, a missing bracket or
 * quote).
 *
 * @example parsePythonList("['cardiomegaly', ' aortic elongation']") // ['cardiomegaly', ' aortic elongation']
 */
export function parsePythonList(text: string): string[] {
  const fail = (why: string): never => {
    throw new DataArgumentError('parsePythonList', 'text', `a Python list of quoted strings (${why})`, text);
  };
  const items: string[] = [];
  let i = skipSpace(text, 0);
  if (text[i] !== '[') fail(`'[' expected at ${i}`);
  i = skipSpace(text, i + 1);
  while (text[i] !== ']') {
    const quote = text[i];
    if (quote !== "'" && quote !== '"') fail(`a quoted item expected at ${i}`);
    let item = '';
    i++;
    for (;;) {
      if (i >= text.length) fail('unclosed quote');
      const c = text[i]!;
      if (c === quote) break;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) fail('unclosed quote');
        item += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        i += 2;
        continue;
      }
      item += c;
      i++;
    }
    items.push(item);
    i = skipSpace(text, i + 1);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] !== ']') fail(`',' or ']' expected at ${i}`);
  }
  if (skipSpace(text, i + 1) !== text.length) fail(`text after ']' at ${i + 1}`);
  return items;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}
