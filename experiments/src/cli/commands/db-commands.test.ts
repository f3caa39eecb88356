import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, mock, test } from 'node:test';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, openResultsStore } from '@cxr/results';
import { createDatabaseAtVersion, openTempResultsStore } from '@cxr/results/testing';
import { parse } from 'csv-parse/sync';
import type { CliCommand } from '../command-types.ts';
import admin, { deleteCommand, renderDeleted, type ConfirmIo } from './db-admin.ts';
import experiments, { renderExperiments } from './db-experiments.ts';
import show, { SHOWN_PROBLEMS, renderRunDetail, runDetail } from './db-show.ts';
import dbCommands, { parseRunId } from './db.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
function cxr(args: string[], opts: { prefix?: string[] } = {}): { status: number | null; stdout: string; stderr: string } {
  const argv = [...(opts.prefix ?? []), process.execPath, join(root, 'experiments/bin/cxr.mjs'), 'db', ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command's handler in this process and returns what it printed with console.log. */
async function run(cmd: CliCommand, argv: Record<string, unknown>): Promise<string> {
  const lines: string[] = [];
  const log = mock.method(console, 'log', (...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    await cmd.module.handler!(argv as never);
  } finally {
    log.mock.restore();
  }
  return lines.join('\n');
}
const byName = (list: CliCommand | CliCommand[], name: string) =>
  (Array.isArray(list) ? list : [list]).find((c) => String(c.module.command).split(' ')[0] === name)!;
const [status, runs] = [byName(dbCommands, 'status'), byName(dbCommands, 'runs')];
const [retry, del, migrate] = [byName(admin, 'retry'), byName(admin, 'delete'), byName(admin, 'migrate')];

// Fixture on a fixed clock: run 1 done (2 epochs, 23 problems), run 2 failed, run 3 running.
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
let clock = T0;
const fx = openTempResultsStore({ now: () => clock });
after(fx.cleanup);
const { store, dir } = fx;
const path = fx.path;
const cfg = store.registerConfig('sweep', { unfreeze: 0.5, model: { backbone: 'cnn3' } }, '50 %').configId;
store.registerConfig('baseline', { unfreeze: 0 }, 'frozen');
const ids = [0, 1, 2].map((seed) => store.registerRun({ configId: cfg, seed, datasetFingerprint: 'phantom-1' }).id);
clock = T0 + 5_000;
const c1 = store.claimRun(ids[0]!, { backend: 'wasm' })!;
const problems = [
  ...Array.from({ length: 21 }, (_, i) => ({
    source: 'padchest',
    kind: 'missing-image',
    file: '/d/labels.csv',
    line: i + 2,
    field: 'ImageID',
    message: `image file not found: /d/${i}.png`,
  })),
  { source: 'padchest', kind: 'malformed-row', file: '/d/labels.csv', line: 40, message: 'expected 36 fields as in the header, found 3' },
  { source: 'padchest', kind: 'malformed-row', file: '/d/labels.csv', line: 41, message: 'expected 36 fields as in the header, found 2' },
];
store.recordProblems(c1, problems);
clock = T0 + 15_000;
store.recordEpoch(c1, {
  epoch: 1,
  trainLoss: 0.71234,
  valLoss: 0.69,
  metrics: { macro_auc_roc: 0.55 },
  learningRates: { backbone: 1e-4, head: 1e-3 },
  seconds: 9.5,
});
clock = T0 + 25_000;
store.recordEpoch(c1, { epoch: 2, trainLoss: 0.6, metrics: {}, learningRates: { backbone: 1e-4, head: 5e-4 }, seconds: 9.75 });
clock = T0 + 30_000;
store.finishRun(c1, {
  metrics: [
    { split: 'test', name: 'macro_auc_roc', value: 0.7123 },
    { split: 'val', name: 'macro_auc_roc', value: 0.7 },
  ],
  labelMetrics: [
    { split: 'test', label: 'cardiomegaly', name: 'auc_roc', value: 0.8 },
    { split: 'test', label: 'cardiomegaly', name: 'positives', value: 3 },
    { split: 'test', label: 'scoliosis', name: 'auc_roc', value: 0.61 },
    { split: 'test', label: 'scoliosis', name: 'positives', value: 0 },
    { split: 'val', label: 'scoliosis', name: 'auc_roc', value: 0.1 },
  ],
  predictions: [],
});
store.failRun(store.claimRun(ids[1]!)!, new Error('out of memory'));
clock = T0 + 40_000;
const c3 = store.claimRun(ids[2]!, { backend: 'cpu' })!;
clock = T0 + 50_000;
store.heartbeat(c3);
store.close();
const NOW = T0 + 62_000;

describe('cxr db show', () => {
  test('the human form of a done run: identity, config JSON, epochs, test metrics, the first problems, timings', () => {
    const ro = openResultsStore({ path, readonly: true });
    const d = runDetail(ro, ids[0]!, NOW, SHOWN_PROBLEMS);
    ro.close();
    const text = renderRunDetail(d);
    const host = `${d.run.host} pid ${d.run.pid}`;
    const expected = [
      `run ${ids[0]}: sweep / 50 %, seed 0, done`,
      `database    ${path}`,
      'experiment  sweep',
      `config      50 % (hash ${d.run.configHash.slice(0, 12)})`,
      'status      done',
      'seed        0',
      'dataset     phantom-1',
      'backend     wasm',
      'tries       1',
      'created     2026-12-01 09:00:00 UTC',
      'started     2026-12-01 09:00:05 UTC',
      'finished    2026-12-01 09:00:30 UTC',
      'duration    25.0 s',
      'heartbeat   -',
      `host        ${host}`,
      '',
      'config',
      '{',
      '  "model": {',
      '    "backbone": "cnn3"',
      '  },',
      '  "unfreeze": 0.5',
      '}',
      '',
      'epochs',
      'epoch  train loss  val loss  val.macro_auc_roc  lr.backbone  lr.head  seconds',
      '1      0.7123      0.6900    0.5500             0.0001       0.001    9.5',
      '2      0.6000      -         -                  0.0001       0.0005   9.8',
      '',
      'test metrics',
      'macro_auc_roc  0.7123',
      '',
      'label         auc_roc  positives',
      'cardiomegaly  0.8000   3',
      'scoliosis     0.6100   0',
      '',
      'problems: 23 (21 missing-image, 2 malformed-row)',
      ...Array.from(
        { length: 20 },
        (_, i) => `missing-image  /d/labels.csv:${i + 2} (ImageID)${i + 2 < 10 ? ' ' : ''}  image file not found: /d/${i}.png`,
      ),
      '... and 3 more (--json lists all)',
      '',
      'timings',
      'waited  5.0 s (created -> started)',
      'wall    25.0 s (started -> finished)',
      'epochs  19.3 s (2 epochs, mean 9.6 s)',
      'other   5.8 s (data, model, evaluation, writing)',
    ];
    assert.equal(text, expected.join('\n'));
  });

  test('a running run shows its duration so far and heartbeat age; a failed one its error; one without epochs says so', () => {
    const ro = openResultsStore({ path, readonly: true });
    const running = renderRunDetail(runDetail(ro, ids[2]!, NOW));
    const failed = renderRunDetail(runDetail(ro, ids[1]!, NOW));
    ro.close();
    assert.match(running, /^duration {4}22\.0 s$/m);
    assert.match(running, /^heartbeat {3}12\.0 s ago$/m);
    assert.match(running, /^wall {4}22\.0 s \(started -> now\)$/m);
    assert.match(running, /^epochs\nnone recorded$/m);
    assert.match(running, /^test metrics\nnone \(the run is not done\)$/m);
    assert.match(running, /^problems\nnone$/m);
    assert.match(failed, /^error {7}Error: out of memory$/m);
  });

  test('--json: the whole detail with every problem; the human form lists 20', async () => {
    const json = JSON.parse(await run(show, { run: String(ids[0]), db: path, json: true })) as {
      database: string;
      run: { id: number; status: string };
      config: unknown;
      epochs: unknown[];
      problems: { total: number; byKind: unknown; list: { line: number }[] };
      timings: { epochSeconds: number };
    };
    assert.equal(json.database, path);
    assert.deepEqual([json.run.id, json.run.status], [ids[0], 'done']);
    assert.deepEqual(json.config, { model: { backbone: 'cnn3' }, unfreeze: 0.5 });
    assert.equal(json.epochs.length, 2);
    assert.equal(json.problems.total, 23);
    assert.equal(json.problems.list.length, 23);
    assert.deepEqual(json.problems.byKind, [
      { kind: 'missing-image', count: 21 },
      { kind: 'malformed-row', count: 2 },
    ]);
    assert.equal(json.timings.epochSeconds, 19.25);
    const human = await run(show, { run: String(ids[0]), db: path, json: false });
    assert.equal(human.split('\n').filter((l) => l.startsWith('missing-image')).length, 20);
  });

  test('a missing run names the id and the database; a bad RUN and a missing database are refused', async () => {
    await assert.rejects(run(show, { run: '999', db: path, json: false }), {
      message: `no run 999 in ${path} (cxr db runs --db ${path} lists its runs)`,
    });
    for (const bad of ['0', '4x', '-1', '1.5']) {
      assert.throws(() => parseRunId('show', bad), { message: `cxr db show: RUN must be a run id (an integer >= 1), received "${bad}"` });
    }
    const missing = join(dir, 'nowhere.db');
    await assert.rejects(run(show, { run: '1', db: missing, json: false }), {
      message: `no results database at ${missing} (the first cxr train creates it; pass --db PATH or set CXR_DB)`,
    });
    assert.equal(existsSync(missing), false);
    const r = cxr(['show', '999', '--db', path]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `cxr: no run 999 in ${path} (cxr db runs --db ${path} lists its runs)\n`);
  });
});

describe('cxr db runs --csv, cxr db experiments', () => {
  test('runs --csv is CSV with a header: ISO dates, durations in seconds, heartbeat age for the running run', async () => {
    const lines: string[] = [];
    const write = mock.method(process.stdout, 'write', (chunk: string) => (lines.push(chunk), true));
    try {
      await run(runs, { db: path, json: false, csv: true, split: 'test', experiment: 'sweep' });
    } finally {
      write.mock.restore();
    }
    const rows = parse(lines.join(''), { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), [
      'id',
      'experiment',
      'config',
      'seed',
      'status',
      'tries',
      'dataset',
      'config_hash',
      'created',
      'started',
      'finished',
      'duration_s',
      'heartbeat_age_s',
      'test.macro_auc_roc',
    ]);
    assert.deepEqual(
      rows.map((r) => [r['config'], r['status'], r['started'], r['finished'], r['duration_s'], r['test.macro_auc_roc']]),
      [
        ['50 %', 'done', '2026-12-01T09:00:05.000Z', '2026-12-01T09:00:30.000Z', '25', '0.7123'],
        ['50 %', 'failed', '2026-12-01T09:00:30.000Z', '2026-12-01T09:00:30.000Z', '0', ''],
        ['50 %', 'running', '2026-12-01T09:00:40.000Z', '', rows[2]!['duration_s'], ''],
      ],
    );
    assert.ok(Number(rows[2]!['heartbeat_age_s']) > 0, 'a running run has a heartbeat age');
    assert.equal(rows[0]!['heartbeat_age_s'], '');
    await assert.rejects(run(runs, { db: path, json: true, csv: true, split: 'test' }), {
      message: 'cxr db runs: give --json or --csv, not both',
    });
  });

  test('experiments: configs, runs by status, last activity (human and --json)', async () => {
    const text = await run(experiments, { db: path, json: false });
    assert.equal(
      text,
      [
        'experiment  configs  runs  pending  running  done  failed  last activity',
        'sweep       1        3     0        1        1     1       2026-12-01 09:00:50 UTC',
        'baseline    1        0     0        0        0     0       2026-12-01 09:00:00 UTC',
      ].join('\n'),
    );
    const json = JSON.parse(await run(experiments, { db: path, json: true })) as { name: string; lastActivityAt: number }[];
    assert.deepEqual(
      json.map((e) => [e.name, e.lastActivityAt]),
      [
        ['sweep', T0 + 50_000],
        ['baseline', T0],
      ],
    );
    assert.equal(renderExperiments([]), 'no experiments');
  });
});

describe('read commands never write', () => {
  test('status, runs, show and experiments read a chmod 0444 file; its bytes and mtime stay the same', async () => {
    const ro = join(dir, 'ro.db');
    copyFileSync(path, ro);
    chmodSync(ro, 0o444);
    const before = { bytes: readFileSync(ro), mtimeMs: statSync(ro).mtimeMs };
    assert.match(await run(status, { db: ro, json: false }), /runs {9}3 \(pending 0, running 1, done 1, failed 1\)/);
    assert.match(await run(runs, { db: ro, json: false, csv: false, split: 'test' }), /^id\s+experiment/);
    assert.match(await run(show, { run: String(ids[0]), db: ro, json: false }), /^problems: 23/m);
    assert.match(await run(experiments, { db: ro, json: false }), /^sweep/m);
    assert.deepEqual({ bytes: readFileSync(ro), mtimeMs: statSync(ro).mtimeMs }, before);
  });

  test('an older schema: read commands refuse without migrating (user_version unchanged) and name cxr db migrate; migrate upgrades it', async () => {
    const v1 = join(dir, 'v1.db');
    createDatabaseAtVersion(v1, 1);
    const before = readFileSync(v1);
    await assert.rejects(run(status, { db: v1, json: false }), {
      message: `${v1}: schema version 1 needs migrating to ${SCHEMA_VERSION}; read commands never write, so run a write command once to migrate it: cxr db migrate --db ${v1}`,
    });
    assert.deepEqual(readFileSync(v1), before);
    const check = new Database(v1, { readonly: true, fileMustExist: true });
    assert.equal(check.pragma('user_version', { simple: true }), 1);
    check.close();
    assert.equal(await run(migrate, { db: v1 }), `${v1}: schema version 1 -> ${SCHEMA_VERSION}`);
    assert.equal(await run(migrate, { db: v1 }), `${v1}: schema version ${SCHEMA_VERSION}, up to date`);
    assert.match(await run(status, { db: v1, json: false }), new RegExp(`schema {7}${SCHEMA_VERSION}`));
    await assert.rejects(run(migrate, { db: join(dir, 'none.db') }), /no results database at .*none\.db/);
  });

  test('cxr db status as another user on a 0444 file in a 0555 folder (no -shm can be made there) reads it', (t) => {
    const asRoot = process.getuid?.() === 0;
    if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) {
      t.skip('running as root without setpriv: cannot make the folder unwritable for the reader');
      return;
    }
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    const file = join(locked, 'results.db');
    copyFileSync(path, file);
    chmodSync(file, 0o444);
    chmodSync(locked, 0o555);
    chmodSync(dir, 0o755);
    try {
      const before = readFileSync(file);
      const r = cxr(['status', '--db', file, '--json'], {
        prefix: asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [],
      });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual((JSON.parse(r.stdout) as { runs: unknown }).runs, { pending: 0, running: 1, done: 1, failed: 1 });
      assert.deepEqual(readFileSync(file), before);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe('cxr db retry and delete', () => {
  /** A private copy of the fixture, so these writes leave the other tests' file alone. */
  function copy(name: string): string {
    const p = join(dir, name);
    copyFileSync(path, p);
    return p;
  }
  const tty = (answer: string): ConfirmIo & { asked: string[] } => {
    const asked: string[] = [];
    return { isTTY: true, asked, ask: async (q) => (asked.push(q), answer) };
  };

  test('retry: a failed run goes back to pending; any other status is refused by name; a missing run names the id', async () => {
    const p = copy('retry.db');
    assert.equal(await run(retry, { run: String(ids[1]), db: p }), `run ${ids[1]}: failed -> pending`);
    await assert.rejects(run(retry, { run: String(ids[1]), db: p }), {
      message: `cxr db retry: run ${ids[1]} is pending, not failed; only a failed run can be retried`,
    });
    await assert.rejects(run(retry, { run: String(ids[0]), db: p }), { message: /run \d+ is done, not failed/ });
    await assert.rejects(run(retry, { run: '77', db: p }), { message: `no run 77 in ${p} (cxr db runs --db ${p} lists its runs)` });
    const s = openResultsStore({ path: p, readonly: true });
    assert.equal(s.getRun(ids[1]!).status, 'pending');
    s.close();
  });

  test('delete: on a terminal it asks (only y/yes deletes); --yes deletes at once; rows go in one transaction', async () => {
    const p = copy('delete.db');
    const no = tty('');
    assert.equal(await deleteCommand({ path: p, runId: ids[0]!, yes: false, force: false }, no), `kept run ${ids[0]}`);
    assert.deepEqual(no.asked, [
      `Delete run ${ids[0]} (sweep / 50 %, seed 0, done) from ${p} with its epochs, metrics, predictions and problems? [y/N] `,
    ]);
    assert.equal(
      await deleteCommand({ path: p, runId: ids[0]!, yes: false, force: false }, tty(' Yes ')),
      `deleted run ${ids[0]} (done): 2 epochs, 2 metrics, 5 label metrics, 0 prediction sets, 23 problems`,
    );
    const modelDir = join(dir, 'delete.db.models', String(ids[1]));
    mkdirSync(modelDir, { recursive: true });
    writeFileSync(join(modelDir, 'meta.json'), '{}');
    assert.equal(
      await run(del, { run: String(ids[1]), db: p, yes: true, force: false }),
      `deleted run ${ids[1]} (failed): 0 epochs, 0 metrics, 0 label metrics, 0 prediction sets, 0 problems; its saved model ${modelDir} removed`,
    );
    assert.equal(existsSync(modelDir), false, "the run's saved model goes with it");
    const s = openResultsStore({ path: p, readonly: true });
    assert.deepEqual(
      s.listRuns().map((r) => r.id),
      [ids[2]],
    );
    assert.equal(s.db.prepare('SELECT count(*) FROM problems').pluck().get(), 0);
    s.close();
  });

  test('delete refuses a running run without --force, an unknown run, and (no terminal, no --yes) says to pass --yes', async () => {
    const p = copy('delete-refusals.db');
    await assert.rejects(deleteCommand({ path: p, runId: ids[2]!, yes: true, force: false }, tty('y')), {
      message: new RegExp(`^cxr db delete: run ${ids[2]} is running \\(host .+, pid \\d+\\); stop it first, or pass --force$`),
    });
    await assert.rejects(deleteCommand({ path: p, runId: 55, yes: true, force: false }), {
      message: `no run 55 in ${p} (cxr db runs --db ${p} lists its runs)`,
    });
    const r = cxr(['delete', String(ids[0]), '--db', p]);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      `cxr db delete: refusing to delete run ${ids[0]} without confirmation (stdin is not a terminal); pass --yes to delete it\n`,
    );
    assert.match(await deleteCommand({ path: p, runId: ids[2]!, yes: true, force: true }), /^deleted run \d+ \(running\)/);
    const s = openResultsStore({ path: p, readonly: true });
    assert.equal(s.listRuns().length, 2, 'the refused deletes changed nothing');
    s.close();
    assert.equal(
      renderDeleted({ runId: 1, status: 'done', rows: { epochs: 1, metrics: 1, label_metrics: 1, predictions: 1, problems: 1 } }),
      'deleted run 1 (done): 1 epoch, 1 metric, 1 label metric, 1 prediction set, 1 problem',
    );
  });
});

describe('cxr db show: aliases', () => {
  test('a config registered again under another spelling keeps its first label and shows the other as an alias', () => {
    const temp = openTempResultsStore();
    try {
      const { configId } = temp.store.registerConfig('adhoc', { model: { backbone: 'cnn3' } }, 'smoke');
      temp.store.registerConfig('adhoc', { model: { backbone: 'cnn3' } }, 'configs/smoke-copy.json');
      const runId = temp.store.registerRun({ configId, seed: 1, datasetFingerprint: 'fp' }).id;
      const text = renderRunDetail(runDetail(temp.store, runId, Date.now(), SHOWN_PROBLEMS));
      assert.match(text, /^run \d+: adhoc \/ smoke, seed 1, pending$/m);
      assert.match(text, /^also known as {2}configs\/smoke-copy\.json$/m);
    } finally {
      temp.cleanup();
    }
  });
});
