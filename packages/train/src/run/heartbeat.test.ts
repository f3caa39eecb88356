import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { throttledHeartbeat } from './heartbeat.ts';

describe('throttledHeartbeat', () => {
  test('tick beats at most once per interval (strictly more than everyMs since the last beat); send always beats and restarts the interval', () => {
    let t = 1000;
    const beats: number[] = [];
    const hb = throttledHeartbeat(
      () => beats.push(t),
      100,
      () => t,
    );
    assert.equal(hb.tick(), false, 'the interval starts when the heartbeat is made');
    t = 1100;
    assert.equal(hb.tick(), false, 'exactly everyMs later: not yet');
    t = 1101;
    assert.equal(hb.tick(), true);
    t = 1150;
    assert.equal(hb.tick(), false);
    hb.send();
    t = 1250;
    assert.equal(hb.tick(), false, 'send restarted the interval');
    t = 1251;
    assert.equal(hb.tick(), true);
    assert.deepEqual(beats, [1101, 1150, 1251]);
  });
});
