import assert from 'node:assert/strict';
import { test } from 'node:test';
import { argumentMessage, collectProblems, countProblems, CxrError, describeValue, detail } from './index.ts';

test('describeValue prints values short: quoted strings cut at 80, arrays and typed arrays by length, objects by keys', () => {
  assert.equal(describeValue('mobilenet-v2'), '"mobilenet-v2"');
  assert.equal(describeValue('x'.repeat(100)), JSON.stringify(`${'x'.repeat(77)}...`));
  assert.equal(describeValue(Number.NaN), 'NaN');
  assert.equal(describeValue(null), 'null');
  assert.equal(describeValue(undefined), 'undefined');
  assert.equal(describeValue(3n), '3');
  assert.equal(describeValue([1, 2, 3]), 'an array of length 3');
  assert.equal(describeValue(new Float32Array(1000)), 'a Float32Array of length 1000');
  assert.equal(describeValue({ a: 1, b: 2 }), 'an object with keys [a, b]');
  assert.equal(
    describeValue(() => 1),
    'a function',
  );
  assert.equal(describeValue(detail('NaN at index 3')), 'NaN at index 3');
  const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
  assert.match(describeValue(many), /k11, \.\.\.\]$/);
});

test('argumentMessage names function, argument, expectation and what arrived; CxrError is an Error', () => {
  assert.equal(argumentMessage('rocAuc', 'yScore', 'finite numbers', Number.NaN), 'rocAuc(yScore): expected finite numbers, received NaN');
  const error = new CxrError('x');
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'CxrError');
});

test('collectProblems keeps problems in order; countProblems counts by kind, most frequent first', () => {
  const sink = collectProblems();
  sink.add({ kind: 'missing-image', file: 'a.csv', line: 3, message: 'no file' });
  sink.add({ kind: 'malformed-row', file: 'a.csv', line: 4, message: 'quote' });
  sink.add({ kind: 'missing-image', file: 'a.csv', line: 5, message: 'no file' });
  sink.add({ file: 'a.csv', message: 'other' });
  assert.deepEqual(
    sink.problems.map((p) => p.line),
    [3, 4, 5, undefined],
  );
  assert.deepEqual(countProblems(sink.problems), [
    ['missing-image', 2],
    ['malformed-row', 1],
    ['other', 1],
  ]);
});
