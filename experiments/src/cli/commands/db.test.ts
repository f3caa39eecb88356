import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SCHEMA_VERSION } from '@cxr/results';
import { openTempResultsStore } from '@cxr/results/testing';
import { formatTable, renderRuns, renderStatus } from './db.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
function cxr(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['experiments/bin/cxr.mjs', 'db', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A store with two configs of one experiment: 0 % seed 0 done, seed 1 failed; 50 % seed 0 pending.
const { store, path, dir, cleanup } = openTempResultsStore();
after(cleanup);
const zero = store.registerConfig('unfreeze-sweep', { unfreeze: 0 }, '0 %').configId;
const half = store.registerConfig('unfreeze-sweep', { unfreeze: 0.5 }, '50 %').configId;
store.registerConfig('baseline', { unfreeze: 0 }, 'frozen');
const done = store.claimRun(store.registerRun({ configId: zero, seed: 0, datasetFingerprint: 'phantom-1' }).id)!;
store.finishRun(done, {
  metrics: [
    { split: 'test', name: 'macro_auc_roc', value: 0.71234 },
    { split: 'test', name: 'brier', value: 0.1 },
  ],
  labelMetrics: [],
  predictions: [],
});
store.failRun(store.claimRun(store.registerRun({ configId: zero, seed: 1, datasetFingerprint: 'phantom-1' }).id)!, 'out of memory');
store.registerRun({ configId: half, seed: 0, datasetFingerprint: 'phantom-1' });
store.close();

describe('db command rendering', () => {
  test('formatTable pads every column to its widest cell', () => {
    assert.equal(
      formatTable([
        ['a', 'bb', 'c'],
        ['ccc', 'd', ''],
      ]),
      'a    bb  c\nccc  d',
    );
  });

  test('renderRuns shows one column per metric of the split, "-" where a run has none', () => {
    const text = renderRuns(
      [
        {
          id: 1,
          experiment: 'e',
          label: '0 %',
          seed: 0,
          status: 'done',
          attempts: 1,
          datasetFingerprint: 'fp',
          startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
          endedAt: Date.UTC(2026, 0, 2, 3, 8, 10),
          heartbeatAt: Date.UTC(2026, 0, 2, 3, 8, 10),
          metrics: { test: { auc: 0.5 } },
        },
        {
          id: 7,
          experiment: 'e',
          label: '50 %',
          seed: 1,
          status: 'running',
          attempts: 2,
          datasetFingerprint: 'fp',
          startedAt: Date.UTC(2026, 0, 2, 4, 0, 0),
          endedAt: null,
          heartbeatAt: Date.UTC(2026, 0, 2, 4, 59, 48),
          metrics: {},
        },
        {
          id: 12,
          experiment: 'e',
          label: '100 %',
          seed: 2,
          status: 'pending',
          attempts: 0,
          datasetFingerprint: 'fp',
          startedAt: null,
          endedAt: null,
          heartbeatAt: null,
          metrics: {},
        },
      ] as never,
      'test',
      Date.UTC(2026, 0, 2, 5, 0, 0),
    );
    assert.equal(
      text,
      [
        'id  experiment  config  seed  status   tries  dataset  started                  finished                 duration    heartbeat   test.auc',
        '1   e           0 %     0     done     1      fp       2026-01-02 03:04:05 UTC  2026-01-02 03:08:10 UTC  4 min 05 s  -           0.5000',
        '7   e           50 %    1     running  2      fp       2026-01-02 04:00:00 UTC  -                        1 h 00 min  12.0 s ago  -',
        '12  e           100 %   2     pending  0      fp       -                        -                        -           -           -',
      ].join('\n'),
    );
    assert.equal(renderRuns([], 'test'), 'no runs');
  });

  test('renderStatus on a missing database says so', () => {
    assert.equal(
      renderStatus({
        path: '/x/results.db',
        exists: false,
        schemaVersion: null,
        experiments: 0,
        configs: 0,
        runs: { pending: 0, running: 0, done: 0, failed: 0 },
      }),
      'no results database at /x/results.db yet (the first run creates it)',
    );
  });
});

describe('cxr db (spawned)', () => {
  test('status --json counts experiments, configs and runs by status', () => {
    const r = cxr(['status', '--db', path, '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      path,
      exists: true,
      schemaVersion: SCHEMA_VERSION,
      experiments: 2,
      configs: 2,
      runs: { pending: 1, running: 0, done: 1, failed: 1 },
    });
  });

  test('status reads $CXR_DB when --db is absent and prints an aligned summary', () => {
    const r = cxr(['status'], { CXR_DB: path });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        `database     ${path}`,
        `schema       ${SCHEMA_VERSION}`,
        'experiments  2',
        'configs      2',
        'runs         3 (pending 1, running 0, done 1, failed 1)',
        '',
      ].join('\n'),
    );
  });

  test('status on a missing file reports it and creates nothing', () => {
    const missing = join(dir, 'typo.db');
    const r = cxr(['status', '--db', missing, '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      path: missing,
      exists: false,
      schemaVersion: null,
      experiments: 0,
      configs: 0,
      runs: { pending: 0, running: 0, done: 0, failed: 0 },
    });
    assert.equal(existsSync(missing), false);
  });

  test('runs --json filters by experiment and status; labels come from the experiment', () => {
    const r = cxr(['runs', '--db', path, '--experiment', 'unfreeze-sweep', '--status', 'done', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const runs = JSON.parse(r.stdout) as { label: string; seed: number; status: string; metrics: unknown }[];
    assert.deepEqual(
      runs.map((x) => [x.label, x.seed, x.status, x.metrics]),
      [['0 %', 0, 'done', { test: { brier: 0.1, macro_auc_roc: 0.71234 } }]],
    );
    const base = JSON.parse(cxr(['runs', '--db', path, '--experiment', 'baseline', '--json']).stdout) as {
      label: string;
      error: string | null;
    }[];
    assert.deepEqual(
      base.map((x) => [x.label, x.error]),
      [
        ['frozen', null],
        ['frozen', 'out of memory'],
      ],
    );
  });

  test('runs prints an aligned table with the test metrics', () => {
    const r = cxr(['runs', '--db', path, '--experiment', 'unfreeze-sweep']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(
      lines[0]!,
      /^id\s+experiment\s+config\s+seed\s+status\s+tries\s+dataset\s+started\s+finished\s+duration\s+heartbeat\s+test\.brier\s+test\.macro_auc_roc$/,
    );
    const date = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC';
    assert.match(
      lines[1]!,
      new RegExp(
        `^\\d+\\s+unfreeze-sweep\\s+0 %\\s+0\\s+done\\s+1\\s+phantom-1\\s+${date}\\s+${date}\\s+\\d+\\.\\d s\\s+-\\s+0\\.1000\\s+0\\.7123$`,
      ),
    );
    assert.match(lines[3]!, /^\d+\s+unfreeze-sweep\s+50 %\s+0\s+pending\s+0\s+phantom-1\s+-\s+-\s+-\s+-\s+-\s+-$/);
    const col = lines[0]!.indexOf('status');
    assert.ok(
      lines.every((l) => /\s/.test(l[col - 1]!) && l[col] !== ' '),
      'status column aligned',
    );
  });

  test('an unknown experiment exits 1 naming the known ones; a non-SQLite file exits 1 and is left as it was', () => {
    const r = cxr(['runs', '--db', path, '--experiment', 'unfreze-sweep']);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /cxr: listRuns\(filter\.experiment\): expected one of the experiments \[unfreeze-sweep, baseline\], received "unfreze-sweep" which does not exist/,
    );
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a database at all\n');
    const s = cxr(['status', '--db', notes]);
    assert.equal(s.status, 1);
    assert.match(s.stderr, /notes\.txt: is not a SQLite database .*refusing to touch it/);
    assert.equal(readFileSync(notes, 'utf8'), 'not a database at all\n');
  });

  test('release hands a running run back as pending naming its holder; a run not running is refused with its status', () => {
    const other = openTempResultsStore();
    try {
      const { configId } = other.store.registerConfig('e', { a: 1 }, 'a');
      const id = other.store.registerRun({ configId, seed: 0, datasetFingerprint: 'fp' }).id;
      other.store.claimRun(id);
      other.store.db.prepare("UPDATE runs SET host = 'node7', pid = 4242 WHERE id = ?").run(id);
      const r = cxr(['release', String(id), '--db', other.path]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `^run ${id} handed back as pending \\(it was held by pid 4242 on host node7 \\(heartbeat \\d+ (ms|s) ago; stale in 9 min \\d+ s\\)\\); 'cxr train' with its config claims it again\n$`,
        ),
      );
      assert.equal(other.store.getRun(id).status, 'pending');
      const again = cxr(['release', String(id), '--db', other.path]);
      assert.equal(again.status, 1);
      assert.equal(again.stderr, `cxr: db release: run ${id} is pending, not running; only a running run can be handed back\n`);
    } finally {
      other.cleanup();
    }
  });
});
