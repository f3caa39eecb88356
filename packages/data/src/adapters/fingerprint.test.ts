import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { CxrRecord } from '../records.ts';
import { countLabels } from './label-counts.ts';
import { datasetFingerprint } from './fingerprint.ts';

const rec = (id: string, labels: number[], path = `/data/${id}`): CxrRecord => ({
  imageId: id,
  patientId: `p-${id}`,
  view: 'PA',
  path,
  labels: Float32Array.from(labels),
});

test('datasetFingerprint is SHA-256 of the canonical lines, ignores paths and changes with labels and order', () => {
  const a = [rec('a', [1, 0]), rec('b', [0, 1])];
  // the canonical form written out by hand: a header line, then one JSON array per record
  const expected = createHash('sha256')
    .update('["cxr-dataset/1",["x","y"]]\n["a","p-a",null,null,"PA",null,null,[1,0]]\n["b","p-b",null,null,"PA",null,null,[0,1]]\n')
    .digest('hex');
  assert.equal(datasetFingerprint(a, ['x', 'y']), expected);
  assert.equal(datasetFingerprint([rec('a', [1, 0], '/elsewhere/a'), rec('b', [0, 1])], ['x', 'y']), expected);
  assert.notEqual(datasetFingerprint([a[1]!, a[0]!], ['x', 'y']), expected);
  assert.notEqual(datasetFingerprint(a, ['y', 'x']), expected);
  assert.notEqual(datasetFingerprint([rec('a', [1, 1]), rec('b', [0, 1])], ['x', 'y']), expected);
});

test('datasetFingerprint and countLabels reject a label vector of the wrong length', () => {
  assert.throws(() => datasetFingerprint([rec('a', [1])], ['x', 'y']), {
    message: 'datasetFingerprint(records[0].labels): expected length 2 (one value per label name), received a Float32Array of length 1',
  });
  assert.throws(() => countLabels([rec('a', [1])], ['x', 'y'], 'ones'), {
    message: 'countLabels(records[0].labels): expected length 2, received a Float32Array of length 1',
  });
});
