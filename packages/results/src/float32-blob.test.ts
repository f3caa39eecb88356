import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertFloat32, blobToFloat32, float32ToBlob } from './float32-blob.ts';

test('float32ToBlob writes little-endian IEEE 754 singles and blobToFloat32 reads them back', () => {
  // 1.0f = 0x3f800000, -2.0f = 0xc0000000 (IEEE 754 binary32), stored low byte first.
  assert.deepEqual([...float32ToBlob(new Float32Array([1, -2]))], [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
  const values = new Float32Array([0, 0.1, 0.5, 1, 1e-7, -3.25]);
  const back = blobToFloat32(float32ToBlob(values), values.length, 'x');
  assert.deepEqual([...back], [...values]);
  // Works on a view that does not start at byte 0 of its buffer (as SQLite driver buffers may).
  const padded = Buffer.concat([Buffer.from([9, 9, 9]), float32ToBlob(values)]).subarray(3);
  assert.deepEqual([...blobToFloat32(padded, values.length, 'x')], [...values]);
});

test('blobToFloat32 refuses a blob of the wrong length, naming where it came from', () => {
  assert.throws(() => blobToFloat32(Buffer.alloc(7), 2, 'db predictions(run 3, test).labels'), {
    name: 'ResultsFileError',
    message: 'db predictions(run 3, test).labels: expected a Float32 blob of 8 bytes, found 7',
  });
});

test('assertFloat32 refuses other arrays and wrong lengths', () => {
  assert.throws(
    () => assertFloat32('finishRun', 'p', [0.5], 1),
    /finishRun\(p\): expected a Float32Array of length 1 \(rows \* cols\), received an array of length 1/,
  );
  assert.throws(() => assertFloat32('finishRun', 'p', new Float64Array(1), 1), /received a Float64Array of length 1/);
  assert.throws(() => assertFloat32('finishRun', 'p', new Float32Array(2), 1), /received a Float32Array of length 2/);
});
