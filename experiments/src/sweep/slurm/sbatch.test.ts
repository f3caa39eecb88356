import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { runSbatch } from './sbatch.ts';

const { dir, cleanup } = makeTempDir('sbatch');
const path = process.env['PATH'];
after(() => {
  process.env['PATH'] = path;
  cleanup();
});

test('runSbatch returns stdout, and names a missing or failing sbatch with its stderr', () => {
  writeFileSync(
    join(dir, 'sbatch'),
    '#!/bin/sh\nif [ "$2" = bad ]; then echo "sbatch: error: invalid partition" >&2; exit 1; fi\necho "42;gpu"\n',
    { mode: 0o755 },
  );
  process.env['PATH'] = `${dir}:/usr/bin:/bin`;
  assert.equal(runSbatch(['--parsable', 'ok']), '42;gpu\n');
  assert.throws(() => runSbatch(['--parsable', 'bad']), {
    name: 'SlurmSweepError',
    message: /sbatch --parsable bad: exit 1: sbatch: error: invalid partition/,
  });
  process.env['PATH'] = join(dir, 'none');
  assert.throws(() => runSbatch(['--parsable', 'x']), {
    name: 'SlurmSweepError',
    message: /cannot run sbatch \(.*ENOENT.*\); submit from a Slurm login node/,
  });
});
