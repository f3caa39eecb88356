import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CRASH_AFTER_EPOCH_ENV, holdHookFromEnv, runHooksFromEnv } from './test-hooks.ts';

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

test('holdHookFromEnv: only the listed task, only on its first attempt, and only after the named epoch', async () => {
  const env = { CXR_TEST_HOLD_AFTER_EPOCH: '1', CXR_TEST_HOLD_INDEX: '0,2' };
  assert.deepEqual(holdHookFromEnv(env, 1), {});
  assert.deepEqual(holdHookFromEnv({ ...env, SLURM_RESTART_COUNT: '1' }, 0), {});
  const hook = holdHookFromEnv(env, 2, 10);
  assert.equal(hook.afterCheckpoint?.(2), undefined, 'another epoch passes at once');
  await hook.afterCheckpoint?.(1); // resolves after maxMs
});
