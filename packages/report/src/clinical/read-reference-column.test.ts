import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { ReportFileError } from '../errors.ts';
import { LIZ_EFFNET_REFERENCE } from './liz-effnet-reference.ts';
import { readReferenceColumn } from './read-reference-column.ts';

const { dir, cleanup } = makeTempDir('cxr-reference-');
after(cleanup);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('reads a plain JSON object, named after the file', () => {
  const path = file('liz.json', '{"Cardiomegaly": 0.907, " pleural effusion ": 0.951}');
  assert.deepEqual(readReferenceColumn(path), { name: 'liz', source: path, auc: { Cardiomegaly: 0.907, 'pleural effusion': 0.951 } });
});

test('reads a JSON object with name and source', () => {
  const path = file('named.json', JSON.stringify({ name: 'Other, DenseNet', source: 'paper X, Table 3', auc: { scoliosis: 0.7 } }));
  assert.deepEqual(readReferenceColumn(path), { name: 'Other, DenseNet', source: 'paper X, Table 3', auc: { scoliosis: 0.7 } });
});

test('reads CSV with a header, columns in any order, extra columns ignored', () => {
  const path = file('ref.csv', 'note,auc,label\nx,0.907,cardiomegaly\ny,0.5,"air trapping"\n');
  assert.deepEqual(readReferenceColumn(path), { name: 'ref', source: path, auc: { cardiomegaly: 0.907, 'air trapping': 0.5 } });
});

test('refuses bad files, naming the file, row or key and field', () => {
  const cases: [string, string, RegExp][] = [
    ['empty.csv', '  \n', /empty\.csv: expected a reference column, received an empty file|empty\.csv.*empty file/],
    ['header-only.csv', 'label,auc\n', /header-only\.csv: expected at least one label with its AUC/],
    ['no-auc.csv', 'label,score\na,0.5\n', /no-auc\.csv row 1 \(header\): expected columns "label" and "auc"/],
    ['range.csv', 'label,auc\na,0.5\nb,1.2\n', /range\.csv row 3 field "auc": expected an AUC-ROC in \[0, 1\], received 1\.2/],
    ['text.csv', 'label,auc\na,high\n', /text\.csv row 2 field "auc": expected an AUC-ROC in \[0, 1\], received "high"/],
    [
      'dup.csv',
      'label,auc\nCardiomegaly,0.5\n cardiomegaly,0.6\n',
      /dup\.csv row 3 field "label": expected a label not given before \("Cardiomegaly" is\)/,
    ],
    ['fields.csv', 'label,auc\na,0.5,extra\n', /fields\.csv row 2: expected 2 fields/],
    ['blank.csv', 'label,auc\n,0.5\n', /blank\.csv row 2 field "label": expected a label name/],
    ['bad.json', '{"a": ', /bad\.json: expected JSON/],
    ['array.json', '[1, 2]', /array\.json: expected a JSON object/],
    ['range.json', '{"a": -0.1}', /range\.json key "a" field "auc": expected an AUC-ROC in \[0, 1\], received -0\.1/],
    ['wrapped.json', '{"name": "n", "auc": {"a": "0.5"}}', /wrapped\.json key "auc\.a" field "auc": expected an AUC-ROC/],
    ['empty.json', '{}', /empty\.json: expected at least one label/],
    ['name.json', '{"name": 3, "auc": {"a": 0.5}}', /name\.json key "name": expected a string, received 3/],
  ];
  for (const [name, text, message] of cases) {
    assert.throws(
      () => readReferenceColumn(file(name, text)),
      (e: unknown) => e instanceof ReportFileError && message.test(e.message),
      name,
    );
  }
  assert.throws(
    () => readReferenceColumn(join(dir, 'missing.csv')),
    /missing\.csv: expected a readable reference file \(JSON or CSV\), received "ENOENT"/,
  );
});

test("LIZ_EFFNET_REFERENCE holds the thesis' Table 9 column (lines 470-479)", () => {
  assert.equal(LIZ_EFFNET_REFERENCE.name, 'Liz, EffNet');
  assert.equal(Object.keys(LIZ_EFFNET_REFERENCE.auc).length, 10);
  assert.equal(LIZ_EFFNET_REFERENCE.auc['cardiomegaly'], 0.907);
  assert.equal(LIZ_EFFNET_REFERENCE.auc['unchanged'], 0.614);
  assert.equal(LIZ_EFFNET_REFERENCE.auc['laminar atelectasis'], 0.806);
});
