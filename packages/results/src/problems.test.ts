import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { countProblems, type Problem } from '@cxr/core';
import { openTempResultsStore } from './testing.ts';
import type { RunClaim } from './types.ts';

const { store, cleanup } = openTempResultsStore();
after(cleanup);
let n = 0;
function claimed(): RunClaim {
  const { configId } = store.registerConfig('problems', { n: n++ }, `c${n}`);
  return store.claimRun(store.registerRun({ configId, seed: 0, datasetFingerprint: 'fp' }).id)!;
}
const PROBLEMS: Problem[] = [
  { source: 'padchest', kind: 'malformed-row', file: '/d/labels.csv', line: 4, message: 'expected 35 fields as in the header, found 3' },
  {
    source: 'padchest',
    kind: 'missing-image',
    file: '/d/labels.csv',
    line: 7,
    field: 'ImageID',
    message: 'image file not found: /d/b.png',
  },
  {
    source: 'padchest',
    kind: 'missing-image',
    file: '/d/labels.csv',
    line: 9,
    field: 'ImageID',
    message: 'image file not found: /d/c.png',
  },
  { file: '/d/labels.csv', field: 'Labels', message: 'label "scolosis" never appears in the kept rows (a typo?)' },
];

describe('problems of a run', () => {
  test('round trip in reported order; optional fields stay absent; counts by kind as @cxr/core counts them', () => {
    const claim = claimed();
    store.recordProblems(claim, PROBLEMS);
    const rows = store.getProblems(claim.runId);
    assert.deepEqual(
      rows,
      PROBLEMS.map((p, seq) => ({ runId: claim.runId, seq, ...p })),
    );
    assert.deepEqual(store.getProblems(claim.runId, { limit: 2 }), rows.slice(0, 2));
    assert.deepEqual(store.getProblems(claim.runId, { limit: 0 }), []);
    const counts = store.problemCounts(claim.runId);
    assert.deepEqual(counts, [
      { kind: 'missing-image', count: 2 },
      { kind: 'malformed-row', count: 1 },
      { kind: 'other', count: 1 },
    ]);
    assert.deepEqual(
      counts.map((c) => [c.kind, c.count]),
      countProblems(PROBLEMS),
    );
  });

  test('recording again replaces (a retried run); append adds after the stored ones; a run without problems has none', () => {
    const claim = claimed();
    store.recordProblems(claim, PROBLEMS);
    store.recordProblems(claim, PROBLEMS.slice(0, 1));
    assert.equal(store.getProblems(claim.runId).length, 1);
    store.recordProblems(claim, PROBLEMS.slice(1, 3), { append: true });
    assert.deepEqual(
      store.getProblems(claim.runId).map((p) => [p.seq, p.line]),
      [
        [0, 4],
        [1, 7],
        [2, 9],
      ],
    );
    const clean = claimed();
    store.recordProblems(clean, []);
    assert.deepEqual(store.getProblems(clean.runId), []);
    assert.deepEqual(store.problemCounts(clean.runId), []);
  });

  test('a bad entry writes nothing and names the entry', () => {
    const claim = claimed();
    store.recordProblems(claim, PROBLEMS.slice(0, 1));
    const cases: [unknown, string][] = [
      [[PROBLEMS[0], { file: 'f', line: 0, message: 'm' }], 'recordProblems(problems[1].line): expected an integer >= 1, received 0'],
      [[{ file: '', message: 'm' }], 'recordProblems(problems[0].file): expected a non-empty string, received ""'],
      [[{ file: 'f' }], 'recordProblems(problems[0].message): expected a string, received undefined'],
      [[{ file: 'f', message: 'm', kind: 3 }], 'recordProblems(problems[0].kind): expected a string or undefined, received 3'],
      [[null], 'recordProblems(problems[0]): expected a problem object, received null'],
      ['nope', 'recordProblems(problems): expected an array of problems, received "nope"'],
    ];
    for (const [bad, message] of cases) {
      assert.throws(() => store.recordProblems(claim, bad as Problem[]), { name: 'ResultsArgumentError', message });
    }
    assert.equal(store.getProblems(claim.runId).length, 1, 'the stored problem is untouched');
  });

  test('writes need the claim; reads of an unknown run name it; problems go with a deleted run', () => {
    const claim = claimed();
    store.recordProblems(claim, PROBLEMS);
    store.failRun(claim, 'boom');
    assert.throws(() => store.recordProblems(claim, PROBLEMS), {
      name: 'ResultsOwnershipError',
      message: `recordProblems(claim): expected a claim this process holds on run ${claim.runId} (status running, same token), but the run is failed`,
    });
    assert.equal(store.getProblems(claim.runId).length, 4);
    assert.throws(() => store.getProblems(9999), {
      name: 'ResultsNotFoundError',
      message: 'getProblems(runId): expected a run id returned by registerRun, received 9999 which does not exist',
    });
    assert.throws(() => store.problemCounts(0), /problemCounts\(runId\): expected an integer >= 1, received 0/);
    assert.throws(() => store.getProblems(claim.runId, { limit: -1 }), /getProblems\(opts\.limit\): expected an integer >= 0, received -1/);
    store.deleteRun(claim.runId);
    const left = store.db.prepare('SELECT count(*) FROM problems WHERE run_id = ?').pluck().get(claim.runId);
    assert.equal(left, 0);
  });
});
