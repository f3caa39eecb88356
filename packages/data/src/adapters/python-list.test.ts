import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePythonList } from './python-list.ts';

test('parsePythonList reads repr() of a list of strings, quotes and escapes included', () => {
  assert.deepEqual(parsePythonList("['cardiomegaly', ' aortic elongation']"), ['cardiomegaly', ' aortic elongation']);
  assert.deepEqual(parsePythonList('[]'), []);
  assert.deepEqual(parsePythonList(" [ '' , 'a', ] "), ['', 'a']);
  assert.deepEqual(parsePythonList(`["it's", 'say \\'x\\'', 'back\\\\slash']`), ["it's", "say 'x'", 'back\\slash']);
});

test('parsePythonList throws on text that is not a list of quoted strings', () => {
  for (const [text, why] of [
    ['cardiomegaly', "'\\[' expected at 0"],
    ['[cardiomegaly]', 'a quoted item expected at 1'],
    ["['a' 'b']", "',' or '\\]' expected at 5"],
    ["['a", 'unclosed quote'],
    ["['a'", "',' or '\\]' expected at 4"],
    ["['a'] x", "text after '\\]' at 5"],
  ] as const) {
    assert.throws(() => parsePythonList(text), {
      name: 'DataArgumentError',
      message: new RegExp(`^parsePythonList\\(text\\): expected a Python list of quoted strings \\(${why}\\), received `),
    });
  }
});
