import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { readCheckpoint, setAsideForeignCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint.ts';

describe('setAsideForeignCheckpoint', () => {
  const tmp = makeTempDir('checkpoint');
  after(tmp.cleanup);
  const ckpt: Checkpoint = {
    state: {
      epochsDone: 1,
      stepsDone: 2,
      plateau: { best: 0, wait: 0, multiplier: 1 } as never,
      earlyStopping: { best: 0, bestEpoch: 1, wait: 0, stop: false } as never,
      history: [],
    },
    weights: [new Float32Array([1, 2])],
    best: null,
    optimizer: { slots: [] },
  };

  test('leaves a missing folder, an empty one and its own checkpoint alone', async () => {
    assert.equal(await setAsideForeignCheckpoint(join(tmp.dir, 'none'), 'a'), undefined);
    mkdirSync(join(tmp.dir, 'empty'));
    assert.equal(await setAsideForeignCheckpoint(join(tmp.dir, 'empty'), 'a'), undefined);
    const own = join(tmp.dir, 'own');
    await writeCheckpoint(own, 'a', ckpt);
    assert.equal(await setAsideForeignCheckpoint(own, 'a'), undefined);
    assert.deepEqual((await readCheckpoint(own, 'a'))!.weights, ckpt.weights);
  });

  test("moves another identity's checkpoint aside (never deleting it); the run then finds none", async () => {
    const dir = join(tmp.dir, '1');
    await writeCheckpoint(dir, 'other-db', ckpt);
    assert.equal(await setAsideForeignCheckpoint(dir, 'mine'), `${dir}.foreign-other-db`);
    assert.equal(existsSync(dir), false);
    assert.equal(await readCheckpoint(dir, 'mine'), undefined);
    assert.equal((await readCheckpoint(`${dir}.foreign-other-db`, 'other-db'))!.state.epochsDone, 1);
    await writeCheckpoint(dir, 'other-db', ckpt);
    assert.equal(await setAsideForeignCheckpoint(dir, 'mine'), `${dir}.foreign-other-db-2`, 'a second one does not overwrite the first');
  });

  test('a damaged checkpoint is not moved: readCheckpoint reports it', async () => {
    const dir = join(tmp.dir, 'damaged');
    mkdirSync(dir);
    writeFileSync(join(dir, 'latest.json'), JSON.stringify({ checkpoint: 'ckpt-1' }));
    assert.equal(await setAsideForeignCheckpoint(dir, 'mine'), undefined);
    await assert.rejects(readCheckpoint(dir, 'mine'), /readCheckpoint: .*ckpt-1 is unreadable/);
  });
});
