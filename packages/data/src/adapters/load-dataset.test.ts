import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { loadDataset } from './load-dataset.ts';

const { dir, cleanup } = makeTempDir('load-dataset');
after(cleanup);

test('loadDataset names the argument, what it expected and what arrived', async () => {
  await assert.rejects(loadDataset({ dataset: 'mimic' as 'nih', dataDir: dir }), {
    name: 'DataArgumentError',
    message: 'loadDataset(dataset): expected one of padchest, phantom, nih, chexpert, received "mimic"',
  });
  await assert.rejects(loadDataset({ dataset: 'nih', dataDir: '' }), {
    message: 'loadDataset(dataDir): expected a directory path, received ""',
  });
  const file = join(dir, 'f.txt');
  writeFileSync(file, 'x');
  await assert.rejects(loadDataset({ dataset: 'nih', dataDir: file }), {
    name: 'DataFileError',
    message: `${file}: expected the nih data directory, but it is not a directory`,
  });
  await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: dir, labels: [] }), {
    message: 'loadDataset(labels): expected a non-empty array of names, received an array of length 0',
  });
  await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: dir, labels: ['a', 'a'] }), {
    message: 'loadDataset(labels): expected names without duplicates, received "a"',
  });
  await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: dir, labels: [' a'] }), {
    message: 'loadDataset(labels): expected names without surrounding spaces, received " a"',
  });
  await assert.rejects(loadDataset({ dataset: 'padchest', dataDir: dir, projections: ['pa'] }), {
    message: 'loadDataset(projections): expected names from [PA, L, AP, AP_horizontal, COSTAL, UNK, EXCLUDE], received "pa"',
  });
});
