import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJobId } from './sbatch.ts';
import { arrayScript, checkSlurmOptions, mergeScript, shellQuote, type ScriptContext } from './sbatch-script.ts';

const ctx: ScriptContext = {
  experiment: 'table2-unfreeze',
  cwd: '/shared/cxr',
  logDir: '/shared/cxr/results.db.slurm/table2-unfreeze/logs',
  node: '/opt/node20/bin/node',
  cli: '/shared/cxr/experiments/bin/cxr.mjs',
  backend: 'auto',
};
const cells = '/shared/cxr/results.db.slurm/table2-unfreeze/submit-20261201-120000/cells.json';

describe('arrayScript', () => {
  const script = arrayScript(
    ctx,
    {
      partition: 'gpu',
      time: '04:00:00',
      gpusPerTask: 1,
      cpusPerTask: 4,
      mem: '16G',
      arrayParallel: 3,
      account: 'lab',
      sbatchArgs: ['--qos=long'],
    },
    18,
    cells,
  );
  test('one task per cell with the %K throttle, requeue, the USR1 warning and an appended log per task', () => {
    for (const line of [
      '#SBATCH --array=0-17%3',
      '#SBATCH --requeue',
      '#SBATCH --signal=B:USR1@120',
      '#SBATCH --open-mode=append',
      '#SBATCH --output=/shared/cxr/results.db.slurm/table2-unfreeze/logs/%A_%a.log',
      '#SBATCH --chdir=/shared/cxr',
      '#SBATCH --partition=gpu',
      '#SBATCH --account=lab',
      '#SBATCH --time=04:00:00',
      '#SBATCH --gpus-per-task=1',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --mem=16G',
      '#SBATCH --qos=long',
    ])
      assert.ok(script.split('\n').includes(line), `missing ${line}`);
    assert.ok(script.startsWith('#!/bin/bash\n'));
  });
  test('runs run-cell with the frozen list and requeues its own array task on USR1', () => {
    assert.match(
      script,
      new RegExp(
        `/opt/node20/bin/node /shared/cxr/experiments/bin/cxr.mjs sweep run-cell table2-unfreeze --cells ${cells} --backend auto &`,
      ),
    );
    assert.match(script, /trap on_usr1 USR1/);
    assert.match(script, /task="\$\{SLURM_ARRAY_JOB_ID\}_\$\{SLURM_ARRAY_TASK_ID\}"/);
    assert.match(script, /scontrol requeue "\$task"/);
    assert.match(script, /kill -TERM "\$child"/);
  });
  test('no throttle and no resource lines without the flags', () => {
    const bare = arrayScript(ctx, {}, 4, cells);
    assert.ok(bare.includes('#SBATCH --array=0-3\n'));
    assert.ok(!bare.includes('--partition'));
    assert.ok(!/\n\n#SBATCH|#SBATCH[^\n]*\n\nset -u/.test(bare));
  });
});

describe('mergeScript', () => {
  test('merges the shard folder into the database, then reports, failing after the report on a violation', () => {
    const s = mergeScript(
      ctx,
      { partition: 'cpu', gpusPerTask: 1 },
      { shardDir: '/s/shards', db: '/shared/cxr/results.db', profile: 'paper', reportOut: '/shared/cxr/reports' },
    );
    assert.match(s, /cxr\.mjs db merge \/s\/shards --into \/shared\/cxr\/results\.db \|\| status=\$\?/);
    assert.match(
      s,
      /cxr\.mjs report table2-unfreeze --db \/shared\/cxr\/results\.db --profile paper --out \/shared\/cxr\/reports \|\| status=\$\?/,
    );
    assert.match(s, /#SBATCH --partition=cpu/);
    assert.ok(!s.includes('--gpus-per-task'), 'the merge job needs no GPU');
  });
});

describe('checks', () => {
  test('shellQuote quotes only what needs it', () => {
    assert.equal(shellQuote('/a/b.db'), '/a/b.db');
    assert.equal(shellQuote("it's here"), `'it'\\''s here'`);
  });
  test('bad options are refused naming the flag and value', () => {
    assert.throws(() => checkSlurmOptions({ arrayParallel: 0 }), {
      name: 'SlurmSweepError',
      message: /--array-parallel to be an integer >= 1, received 0/,
    });
    assert.throws(() => checkSlurmOptions({ gpusPerTask: 1.5 }), { message: /--gpus-per-task to be an integer >= 1, received 1\.5/ });
    assert.throws(() => checkSlurmOptions({ cpusPerTask: -1 }), { message: /--cpus-per-task/ });
    assert.throws(() => checkSlurmOptions({ time: '4 hours' }), { message: /--time as \[D-\]HH:MM:SS.*"4 hours"/ });
    assert.throws(() => checkSlurmOptions({ sbatchArgs: ['qos=long'] }), { message: /--sbatch-arg to be one sbatch option.*"qos=long"/ });
    checkSlurmOptions({ time: '1-00:00:00', arrayParallel: 2, sbatchArgs: ['--qos=long'] });
  });
  test('parseJobId reads sbatch --parsable output', () => {
    assert.equal(parseJobId('4711\n'), '4711');
    assert.equal(parseJobId('4711;gpu'), '4711');
    assert.throws(() => parseJobId('Submitted batch job 4711'), {
      name: 'SlurmSweepError',
      message: /expected a job id such as 4711.*"Submitted batch job 4711"/,
    });
  });
});
