import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { processStartTicks } from './process-liveness.ts';
import { isAbandonedTemp, removeAbandonedTemps, tempNameWriter, tempPathFor } from './temp-names.ts';

const { dir, cleanup } = makeTempDir('temp-names');
after(cleanup);

describe('temp names', () => {
  test('tempPathFor names this process (and its start time where procfs tells it)', () => {
    const start = processStartTicks(process.pid);
    const suffix = start === null ? '' : `.${start}`;
    assert.equal(tempPathFor('a/set'), `a/set.tmp-${process.pid}${suffix}`);
    assert.equal(tempPathFor('c.bin', '17'), `c.bin.tmp-${process.pid}${suffix}-17`);
    assert.deepEqual(tempNameWriter(basename(tempPathFor('c.bin', '17')), 'c.bin'), { pid: process.pid, startTicks: start });
  });

  test('tempNameWriter reads pid and start ticks, and refuses other names', () => {
    assert.deepEqual(tempNameWriter('set.tmp-42.999-x', 'set'), { pid: 42, startTicks: 999 });
    assert.deepEqual(tempNameWriter('set.tmp-42-1700000000000', 'set'), { pid: 42, startTicks: null });
    assert.deepEqual(tempNameWriter('set.tmp-42', 'set'), { pid: 42, startTicks: null });
    for (const name of ['set.tmp-ab', 'set.tmp-', 'set', 'other.tmp-42', 'set.tmp-42x', 'xset.tmp-42']) {
      assert.equal(tempNameWriter(name, 'set'), null, name);
    }
  });

  test('a temp of a gone writer is abandoned; one of this process or a live one is not', () => {
    assert.equal(isAbandonedTemp('set.tmp-4194303', 'set'), true);
    assert.equal(isAbandonedTemp(basename(tempPathFor(join(dir, 'set'))), 'set'), false);
    assert.equal(isAbandonedTemp(`set.tmp-${process.ppid}`, 'set'), false);
    assert.equal(isAbandonedTemp('set', 'set'), false, 'the target itself is no temp');
    const start = processStartTicks(process.pid);
    if (start !== null) assert.equal(isAbandonedTemp(`set.tmp-${process.pid}.${start + 1}`, 'set'), true, 'a reused pid');
  });

  test('removeAbandonedTemps removes files and folders of gone writers only, and says which', () => {
    const target = join(dir, 'set');
    mkdirSync(join(dir, 'set.tmp-4194303', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'set.tmp-4194303-9'), 'x');
    writeFileSync(tempPathFor(target), 'mine');
    writeFileSync(join(dir, 'other.tmp-4194303'), 'not a temp of set');
    assert.deepEqual(removeAbandonedTemps(target).sort(), ['set.tmp-4194303', 'set.tmp-4194303-9']);
    assert.deepEqual(readdirSync(dir).sort(), ['other.tmp-4194303', basename(tempPathFor(target))].sort());
    assert.deepEqual(removeAbandonedTemps(join(dir, 'missing-folder', 'x')), []);
  });
});
