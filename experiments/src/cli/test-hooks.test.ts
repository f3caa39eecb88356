import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CRASH_AFTER_EPOCH_ENV, runHooksFromEnv } from './test-hooks.ts';

describe('runHooksFromEnv', () => {
  test('CXR_TEST_CRASH_AFTER_EPOCH=N exits with 137 after the checkpoint of epoch N only', () => {
    const exits: number[] = [];
    const hooks = runHooksFromEnv({ [CRASH_AFTER_EPOCH_ENV]: '2' }, (code) => exits.push(code));
    hooks.afterCheckpoint?.(1);
    assert.deepEqual(exits, []);
    hooks.afterCheckpoint?.(2);
    assert.deepEqual(exits, [137]);
  });

  test('no hook without the variable, or for a value that is not a positive integer', () => {
    assert.deepEqual(runHooksFromEnv({}), {});
    for (const value of ['', 'x', '0', '1.5', '-1']) assert.deepEqual(runHooksFromEnv({ [CRASH_AFTER_EPOCH_ENV]: value }), {}, value);
  });
});
