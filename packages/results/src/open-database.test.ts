import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '@cxr/testkit';
import { configHash } from './config-hash.ts';
import { SCHEMA_VERSION, migrations } from './migrations.ts';
import { openResultsStore } from './store.ts';

const { dir, cleanup } = makeTempDir('results-open');
after(cleanup);

describe('openResultsStore', () => {
  test('creates and migrates a new file: WAL, foreign keys, every table, current schema version', () => {
    const path = join(dir, 'new.db');
    const store = openResultsStore({ path });
    assert.equal(store.path, path);
    assert.equal(store.schemaVersion(), SCHEMA_VERSION);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(store.db.pragma('busy_timeout', { simple: true }), 5000);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
      (t) => t.name,
    );
    for (const t of [
      'config_aliases',
      'configs',
      'epochs',
      'experiment_configs',
      'experiments',
      'label_metrics',
      'meta',
      'metrics',
      'predictions',
      'problems',
      'runs',
    ])
      assert.ok(tables.includes(t), `table ${t}`);
    store.close();
    // Reopening an up-to-date file migrates nothing and keeps the version.
    const again = openResultsStore({ path, busyTimeoutMs: 50 });
    assert.equal(again.schemaVersion(), SCHEMA_VERSION);
    assert.equal(again.db.pragma('busy_timeout', { simple: true }), 50);
    again.close();
  });

  test('migrates an existing empty file (0 bytes) and an empty SQLite database (user_version 0)', () => {
    const zero = join(dir, 'zero.db');
    writeFileSync(zero, '');
    const a = openResultsStore({ path: zero });
    assert.equal(a.schemaVersion(), SCHEMA_VERSION);
    a.close();
    const blank = join(dir, 'blank.db');
    const raw = new Database(blank);
    raw.exec('CREATE TABLE unrelated (x)');
    raw.close();
    const b = openResultsStore({ path: blank });
    assert.equal(b.schemaVersion(), SCHEMA_VERSION);
    assert.equal(b.status().runs.pending, 0);
    b.close();
  });

  test('a version-1 database (before claims recorded start times) is migrated in place and its runs stay readable', () => {
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    raw.exec(migrations[0]!.sql);
    raw.pragma('user_version = 1');
    raw.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 0);
      INSERT INTO configs (id, hash, config_json, created_at) VALUES (1, '${'a'.repeat(64)}', '{}', 0);
      INSERT INTO experiment_configs (experiment_id, config_id, label, registered_at) VALUES (1, 1, 'base', 0);
      INSERT INTO runs (id, config_id, seed, dataset_fingerprint, status, claim_token, attempts, host, pid, heartbeat_at, created_at)
        VALUES (1, 1, 0, 'fp', 'running', 'old-token', 1, 'node7', 4242, 5, 0);`);
    raw.close();
    assert.throws(() => openResultsStore({ path, readonly: true }), /schema version 1 needs migrating to/);
    const store = openResultsStore({ path });
    assert.equal(store.schemaVersion(), SCHEMA_VERSION);
    const run = store.getRun(1);
    assert.deepEqual([run.status, run.host, run.pid, run.pidStart, run.label], ['running', 'node7', 4242, null, 'base']);
    assert.equal(store.runHolder(1)!.process, 'unknown', 'another host: only the heartbeat tells');
    store.close();
  });

  test('each database gets its own identity once, when made; reopening and copying the file keep it; :memory: works', () => {
    const path = join(dir, 'ident.db');
    const a = openResultsStore({ path });
    assert.match(a.identity, /^[0-9a-f]{32}$/);
    const id = a.identity;
    assert.equal(a.inMemory, false);
    a.close();
    assert.equal(openResultsStore({ path }).identity, id, 'reopened');
    assert.equal(openResultsStore({ path, readonly: true }).identity, id, 'read-only');
    const other = openResultsStore({ path: join(dir, 'ident-other.db') });
    assert.notEqual(other.identity, id, 'a database made separately');
    other.close();
    copyFileSync(path, join(dir, 'ident-copy.db'));
    assert.equal(openResultsStore({ path: join(dir, 'ident-copy.db') }).identity, id, 'a copy is the same store');
    const mem = openResultsStore({ path: ':memory:' });
    assert.deepEqual([mem.path, mem.inMemory], [':memory:', true]);
    assert.match(mem.identity, /^[0-9a-f]{32}$/);
    assert.notEqual(openResultsStore({ path: ':memory:' }).identity, mem.identity);
    assert.equal(existsSync(join(process.cwd(), ':memory:')), false, 'no file named :memory:');
    const broken = join(dir, 'ident-broken.db');
    openResultsStore({ path: broken }).close();
    const raw = new Database(broken);
    raw.exec("DELETE FROM meta WHERE key = 'store_id'");
    raw.close();
    assert.throws(() => openResultsStore({ path: broken }), {
      name: 'ResultsFileError',
      message: `${broken}: meta.store_id should be 32 hex digits, found no row; the database is damaged`,
    });
  });

  test('a version-2 database (labels overwritten, no identity) migrates: its runs read, it gets an identity, labels then stay', () => {
    const path = join(dir, 'v2.db');
    const raw = new Database(path);
    for (const m of migrations.filter((x) => x.version <= 2)) raw.exec(m.sql);
    raw.pragma('user_version = 2');
    raw.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 0);
      INSERT INTO configs (id, hash, config_json, created_at) VALUES (1, '${configHash({ epochs: 2 })}', '{"epochs":2}', 0);
      INSERT INTO experiment_configs (experiment_id, config_id, label, registered_at) VALUES (1, 1, 'smoke', 0);
      INSERT INTO runs (id, config_id, seed, dataset_fingerprint, status, attempts, created_at, info)
        VALUES (1, 1, 1, 'fp', 'done', 1, 0, '{"checkpoint":"weights/checkpoints/abc"}');
      INSERT INTO metrics (run_id, split, name, value) VALUES (1, 'test', 'macro_auc_roc', 0.5);`);
    raw.close();
    const store = openResultsStore({ path });
    assert.equal(store.schemaVersion(), SCHEMA_VERSION);
    assert.match(store.identity, /^[0-9a-f]{32}$/);
    const run = store.getRun(1);
    assert.deepEqual([run.status, run.label, run.aliases, run.metrics], ['done', 'smoke', [], { test: { macro_auc_roc: 0.5 } }]);
    assert.deepEqual(
      store.listRuns().map((r) => r.id),
      [1],
    );
    assert.deepEqual(store.registerConfig('e', { epochs: 2 }, 'configs/smoke.json'), {
      configId: 1,
      hash: configHash({ epochs: 2 }),
      label: 'smoke',
    });
    assert.deepEqual(store.getRun(1).aliases, ['configs/smoke.json']);
    store.close();
    const again = openResultsStore({ path });
    assert.equal(again.identity, store.identity, 'the identity is made once');
    again.close();
  });

  test('uses $CXR_DB, else results.db in the working directory, when no path is given', () => {
    const saved = process.env.CXR_DB;
    try {
      process.env.CXR_DB = join(dir, 'from-env.db');
      const s = openResultsStore();
      assert.equal(s.path, join(dir, 'from-env.db'));
      s.close();
    } finally {
      if (saved === undefined) delete process.env.CXR_DB;
      else process.env.CXR_DB = saved;
    }
  });

  test('refuses a file that is not SQLite and leaves its bytes untouched', () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'my precious notes, not a database\n');
    assert.throws(() => openResultsStore({ path }), {
      name: 'ResultsFileError',
      message: `${path}: is not a SQLite database (its first bytes are "my precious note"); refusing to touch it - pass another --db path or move the file`,
    });
    assert.equal(readFileSync(path, 'utf8'), 'my precious notes, not a database\n');
    const short = join(dir, 'short.db');
    writeFileSync(short, 'abc');
    assert.throws(() => openResultsStore({ path: short }), /short\.db: is not a SQLite database \(its first bytes are "abc"\)/);
    assert.equal(readFileSync(short, 'utf8'), 'abc');
  });

  test('refuses a corrupt SQLite file without rewriting it', () => {
    const path = join(dir, 'corrupt.db');
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200, 0xab)]);
    writeFileSync(path, bytes);
    assert.throws(
      () => openResultsStore({ path }),
      (e: Error) => e.name === 'ResultsFileError' && e.message.startsWith(`${path}: not a usable SQLite database (`),
    );
    assert.deepEqual(readFileSync(path), bytes);
  });

  test('refuses a database from a newer schema version', () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => openResultsStore({ path }), {
      name: 'ResultsFileError',
      message: `${path}: schema version ${SCHEMA_VERSION + 1} is newer than this code supports (${SCHEMA_VERSION}); update cxr-ablate to read it`,
    });
  });

  test('read-only: refuses a missing file (creating nothing) and an unmigrated one; reads a migrated one', () => {
    const missing = join(dir, 'missing.db');
    assert.throws(() => openResultsStore({ path: missing, readonly: true }), {
      name: 'ResultsFileError',
      message: `${missing}: no results database here (it is created by the first run)`,
    });
    assert.equal(existsSync(missing), false);
    const old = join(dir, 'old.db');
    new Database(old).close();
    assert.throws(
      () => openResultsStore({ path: old, readonly: true }),
      new RegExp(
        `old\\.db: schema version 0 needs migrating to ${SCHEMA_VERSION}; read commands never write, so run a write command once to migrate it: cxr db migrate --db .*old\\.db$`,
      ),
    );
    const ok = join(dir, 'ok.db');
    openResultsStore({ path: ok }).close();
    const ro = openResultsStore({ path: ok, readonly: true });
    assert.equal(ro.status().experiments, 0);
    assert.throws(() => ro.ensureExperiment('x'), /readonly/i);
    ro.close();
  });

  test('refuses a directory and a path whose directory does not exist', () => {
    const sub = join(dir, 'a-dir');
    mkdirSync(sub);
    assert.throws(() => openResultsStore({ path: sub }), { message: `${sub}: is a directory, expected a SQLite database file` });
    const nowhere = join(dir, 'no', 'such', 'dir', 'r.db');
    assert.throws(
      () => openResultsStore({ path: nowhere }),
      (e: Error) => e.name === 'ResultsFileError' && e.message.startsWith(`${nowhere}: cannot open as a SQLite database (`),
    );
  });

  test('refuses a bad busy timeout', () => {
    assert.throws(() => openResultsStore({ path: join(dir, 't.db'), busyTimeoutMs: Number.NaN }), {
      message: 'openResultsStore(opts.busyTimeoutMs): expected a finite number of milliseconds >= 0, received NaN',
    });
  });
});
