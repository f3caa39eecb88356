import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { cxr } from '../../sweep/testing/run-cxr.ts';

const tmp = makeTempDir('sweep-slurm-dry-run');
after(() => tmp.cleanup());

test('--launcher slurm --dry-run prints the array script; an experiment with a search says its replicates run locally', async () => {
  const run = cxr(tmp.dir, [
    'sweep',
    'seed001-uncertainty',
    '--profile',
    'smoke',
    '--launcher',
    'slurm',
    '--dry-run',
    '--db',
    join(tmp.dir, 'results.db'),
  ]);
  const { code } = await run.done;
  assert.equal(code, 0, run.out.stderr);
  assert.match(run.out.stdout, /#SBATCH --array=0-16\b/, run.out.stdout);
  assert.match(
    run.out.stderr,
    /seed001-uncertainty has a search: this submits the grid and the 5 trials; once they are merged, `cxr sweep seed001-uncertainty` \(local workers\) runs the best trial's replicates/,
  );
});
