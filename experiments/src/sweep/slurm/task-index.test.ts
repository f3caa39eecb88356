import assert from 'node:assert/strict';
import { test } from 'node:test';
import { taskIndex } from './task-index.ts';

test('the index comes from --index, else SLURM_ARRAY_TASK_ID, else JOB_COMPLETION_INDEX', () => {
  assert.equal(taskIndex(2, { SLURM_ARRAY_TASK_ID: '5' }), 2);
  assert.equal(taskIndex(undefined, { SLURM_ARRAY_TASK_ID: '5', JOB_COMPLETION_INDEX: '1' }), 5);
  assert.equal(taskIndex(undefined, { JOB_COMPLETION_INDEX: '0' }), 0);
});

test('a missing or bad index is refused naming where it came from', () => {
  assert.throws(() => taskIndex(undefined, {}), {
    name: 'SlurmSweepError',
    message: /expected --index I or one of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX/,
  });
  assert.throws(() => taskIndex(undefined, { SLURM_ARRAY_TASK_ID: '1-3' }), {
    message: /expected \$SLURM_ARRAY_TASK_ID to be an integer >= 0, received "1-3"/,
  });
  assert.throws(() => taskIndex(-1, {}), { message: /expected --index to be an integer >= 0, received -1/ });
});
