import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAge, formatDate, formatSeconds, heartbeatAgeMs, problemSummaryLine, runDurationMs } from './db-format.ts';

describe('db formatting helpers', () => {
  test('formatDate: UTC to the second; "-" for null', () => {
    assert.equal(formatDate(Date.UTC(2026, 11, 1, 10, 0, 5, 789)), '2026-12-01 10:00:05 UTC');
    assert.equal(formatDate(null), '-');
  });

  test('formatSeconds: s below a minute, min + s below an hour, then h + min', () => {
    assert.deepEqual([0, 8.24, 59.94, 59.96, 245, 3599, 3600, 7380, Number.NaN, null].map(formatSeconds), [
      '0.0 s',
      '8.2 s',
      '59.9 s',
      '1 min 00 s',
      '4 min 05 s',
      '59 min 59 s',
      '1 h 00 min',
      '2 h 03 min',
      '-',
      '-',
    ]);
    assert.equal(formatAge(12_000), '12.0 s ago');
    assert.equal(formatAge(null), '-');
  });

  test('runDurationMs: start -> end, start -> now while running, none while pending; heartbeat age only while running', () => {
    const now = 10_000;
    assert.equal(runDurationMs({ status: 'done', startedAt: 1000, endedAt: 4000 }, now), 3000);
    assert.equal(runDurationMs({ status: 'failed', startedAt: 1000, endedAt: 2500 }, now), 1500);
    assert.equal(runDurationMs({ status: 'running', startedAt: 1000, endedAt: null }, now), 9000);
    assert.equal(runDurationMs({ status: 'pending', startedAt: 1000, endedAt: null }, now), null, 'released: started once, waiting again');
    assert.equal(runDurationMs({ status: 'pending', startedAt: null, endedAt: null }, now), null);
    assert.equal(heartbeatAgeMs({ status: 'running', heartbeatAt: 7000 }, now), 3000);
    assert.equal(heartbeatAgeMs({ status: 'done', heartbeatAt: 7000 }, now), null);
  });

  test('problemSummaryLine: total, counts by kind in the given order, the show command; null without problems', () => {
    assert.equal(
      problemSummaryLine(
        [
          { kind: 'missing-image', count: 11 },
          { kind: 'malformed-row', count: 1 },
        ],
        4,
      ),
      '12 rows skipped: 11 missing-image, 1 malformed-row; see cxr db show 4',
    );
    assert.equal(problemSummaryLine([{ kind: 'other', count: 1 }], 9), '1 row skipped: 1 other; see cxr db show 9');
    assert.equal(problemSummaryLine([], 4), null);
  });
});
