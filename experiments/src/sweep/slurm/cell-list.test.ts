import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { resolveExperiment } from '../../experiments/resolve-experiment.ts';
import { testTwoLevels } from '../testing/fixture-experiments.ts';
import { silentProgress } from '@cxr/train';
import { launchSlurmSweep } from './launch-slurm.ts';
import { CELL_LIST_FORMAT, cellForTask, experimentHash, readCellList, writeCellList, type CellList } from './cell-list.ts';

const { dir, cleanup } = makeTempDir('cell-list');
after(cleanup);
const resolved = resolveExperiment(testTwoLevels, { profile: 'smoke', seeds: [1, 2] });

function listOf(cells = resolved.cells): CellList {
  return {
    format: CELL_LIST_FORMAT,
    experiment: 'test-two-levels',
    experimentHash: experimentHash(resolved),
    db: '/r/results.db',
    flags: { profile: 'smoke', seeds: [1, 2] },
    createdAt: '2026-12-01T12:00:00.000Z',
    // the pending cells only, in another order than the experiment's: the list's order is the task order
    cells: [...cells]
      .reverse()
      .map((c) => ({ level: c.level, seed: c.seed, configHash: c.configHash, fingerprint: 'f'.repeat(64), shard: `/r/s-${c.index}.db` })),
  };
}

describe('frozen cell list', () => {
  test('round trip; task I is list cell I, the same cell of the experiment', () => {
    const file = join(dir, 'cells.json');
    writeCellList(file, listOf());
    const list = readCellList(file);
    const { cell, frozen } = cellForTask(list, resolved, 0, file);
    assert.equal(cell.index, resolved.cells.length - 1);
    assert.equal(frozen.shard, `/r/s-${cell.index}.db`);
  });

  test('a changed experiment is refused naming the cell and both hashes', () => {
    const changed = resolveExperiment(testTwoLevels, {
      profile: 'smoke',
      seeds: [1, 2],
      extra: [{ source: '--set epochs=3', values: { epochs: 3 } }],
    });
    const list = listOf();
    assert.throws(() => cellForTask(list, changed, 0, 'cells.json'), {
      name: 'SlurmSweepError',
      message: new RegExp(
        `cxr sweep run-cell \\(cells.json\\): the experiment changed since submission: cell \\(lr 3e-3, seed 2\\) was frozen with config hash ${list.cells[0]!.configHash.slice(0, 12)}, the code now gives [0-9a-f]{12}`,
      ),
    });
    const fewer = resolveExperiment(testTwoLevels, { profile: 'smoke', seeds: [1] });
    assert.throws(() => cellForTask(list, fewer, 0, 'cells.json'), { message: /cell \(lr 3e-3, seed 2\) .*now gives no such cell/ });
  });

  test('an index outside the list, another experiment, bad files', () => {
    assert.throws(() => cellForTask(listOf(), resolved, 4, 'c.json'), { message: /expected a task index 0\.\.3, received 4/ });
    assert.throws(() => cellForTask({ ...listOf(), experiment: 'other' }, resolved, 0, 'c.json'), {
      message: /expected experiment "other", received "test-two-levels"/,
    });
    assert.throws(() => readCellList(join(dir, 'missing.json')), {
      name: 'SlurmSweepError',
      message: /missing\.json\): expected a cell list .*cannot read it/,
    });
    writeFileSync(join(dir, 'bad.json'), '{');
    assert.throws(() => readCellList(join(dir, 'bad.json')), { message: /bad\.json\): expected JSON/ });
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ ...listOf(), format: 'cxr-cells/0' }));
    assert.throws(() => readCellList(join(dir, 'wrong.json')), { message: /expected a cxr-cells\/1 cell list, key format/ });
  });
});

describe('launchSlurmSweep (stub sbatch)', () => {
  test('freezes the pending cells beside the scripts, submits the array, then the merge job after it', { timeout: 120_000 }, async () => {
    const calls: string[][] = [];
    const ids = ['11', '12;cluster'];
    const one = resolveExperiment(testTwoLevels, { profile: 'smoke', seeds: [1] });
    const db = join(dir, 'launch.db');
    const r = await launchSlurmSweep({
      resolved: one,
      flags: { profile: 'smoke', seeds: [1] },
      dbPath: db,
      job: { arrayParallel: 1 },
      context: { cwd: dir, node: '/usr/bin/node', cli: '/p/bin/cxr.mjs', backend: 'wasm' },
      retryFailed: false,
      dryRun: false,
      reportOut: join(dir, 'reports'),
      dataRoot: join(dir, 'data'),
      weightsRoot: join(dir, 'weights'),
      progress: silentProgress,
      sbatch: (args) => {
        calls.push(args);
        return `${ids.shift()}\n`;
      },
      now: () => new Date('2026-12-01T12:00:00Z'),
    });
    assert.deepEqual([r.arrayJobId, r.mergeJobId], ['11', '12']);
    const submit = join(`${db}.slurm`, 'test-two-levels', 'submit-20261201-120000');
    assert.equal(r.submitDir, submit);
    assert.deepEqual(calls, [
      ['--parsable', join(submit, 'array.sbatch')],
      ['--parsable', '--dependency=afterany:11', join(submit, 'merge.sbatch'), '11'],
    ]);
    const list = readCellList(join(submit, 'cells.json'));
    assert.deepEqual(
      list.cells.map((c) => [c.level, c.seed]),
      [
        ['lr 1e-3', 1],
        ['lr 3e-3', 1],
      ],
    );
    assert.equal(list.experimentHash, experimentHash(one));
    assert.match(r.arrayScript!, /#SBATCH --array=0-1%1/);
    assert.equal(cellForTask(list, one, 1, 'cells.json').cell.level, 'lr 3e-3');
  });
});
