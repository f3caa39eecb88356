import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultWorkerCount } from './default-workers.ts';

test('one worker per core for single-threaded backends, one for native TensorFlow', () => {
  assert.equal(defaultWorkerCount('wasm', 2), 2);
  assert.equal(defaultWorkerCount('cpu', 8), 8);
  assert.equal(defaultWorkerCount('wasm', 0), 1);
  assert.equal(defaultWorkerCount('tensorflow', 16), 1);
  assert.equal(defaultWorkerCount('tensorflow-gpu', 16), 1);
});
