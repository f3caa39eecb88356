import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvField, toCsv } from './csv-field.ts';

test('CSV per RFC 4180: quotes only where needed, doubled quotes, CRLF records; csv-parse reads back the same cells', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a "b", c'), '"a ""b"", c"');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\r'), '"cr\r"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(0.1), '0.1');
  const rows = [
    ['id', 'config', 'note'],
    ['1', '50 %, "warm"', 'first\r\nsecond'],
    ['2', '', ' spaced '],
  ];
  const text = toCsv(rows);
  assert.equal(text, 'id,config,note\r\n1,"50 %, ""warm""","first\r\nsecond"\r\n2,, spaced \r\n');
  assert.deepEqual(parse(text, { relaxQuotes: false }), rows);
});
