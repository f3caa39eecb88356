import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '@cxr/testkit';
import { SCHEMA_VERSION } from './migrations.ts';
import { openResultsStore } from './store.ts';
import { createDatabaseAtVersion } from './testing.ts';

const { dir, cleanup } = makeTempDir('results-ro');
after(() => {
  chmodSync(join(dir, 'locked'), 0o755);
  cleanup();
});
chmodSync(dir, 0o755); // readable by the unprivileged user of the last test

/** A migrated database with one experiment, one failed run (with a problem) and one pending run. */
function populated(path: string): void {
  const store = openResultsStore({ path });
  const { configId } = store.registerConfig('sweep', { unfreeze: 0.5 }, '50 %');
  const claim = store.claimRun(store.registerRun({ configId, seed: 0, datasetFingerprint: 'fp' }).id)!;
  store.recordProblems(claim, [{ kind: 'missing-image', file: 'labels.csv', line: 3, message: 'image file not found: a.png' }]);
  store.failRun(claim, 'oom');
  store.registerRun({ configId, seed: 1, datasetFingerprint: 'fp' });
  store.close();
}

/** Bytes and modification time of a file: unchanged when nothing wrote to it. */
function snapshot(path: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

describe('openResultsStore({ readonly: true })', () => {
  test('reads a chmod 0444 file and leaves its bytes and mtime unchanged; every write is refused', () => {
    const path = join(dir, 'ro.db');
    populated(path);
    chmodSync(path, 0o444);
    const before = snapshot(path);
    const store = openResultsStore({ path, readonly: true });
    assert.equal(store.readonly, true);
    assert.equal(store.db.readonly, true, 'better-sqlite3 opened it with readonly: true');
    assert.deepEqual(store.status().runs, { pending: 1, running: 0, done: 0, failed: 1 });
    const [failed] = store.listRuns({ status: 'failed' });
    assert.deepEqual(store.problemCounts(failed!.id), [{ kind: 'missing-image', count: 1 }]);
    assert.throws(() => store.ensureExperiment('another'), /readonly/i);
    assert.throws(() => store.retryRun(failed!.id), /readonly/i);
    assert.throws(() => store.deleteRun(failed!.id), /readonly/i);
    store.close();
    assert.deepEqual(snapshot(path), before, 'bytes and mtime unchanged');
  });

  test('an older schema is refused with how to migrate it; user_version, bytes and mtime stay as they were', () => {
    const path = join(dir, 'v1.db');
    createDatabaseAtVersion(path, 1);
    const raw = new Database(path);
    raw.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 0)`);
    raw.close();
    const before = snapshot(path);
    assert.throws(() => openResultsStore({ path, readonly: true }), {
      name: 'ResultsFileError',
      message: `${path}: schema version 1 needs migrating to ${SCHEMA_VERSION}; read commands never write, so run a write command once to migrate it: cxr db migrate --db ${path}`,
    });
    assert.deepEqual(snapshot(path), before);
    const check = new Database(path, { readonly: true, fileMustExist: true });
    assert.equal(check.pragma('user_version', { simple: true }), 1, 'not migrated by the read-only open');
    check.close();
    // A write open migrates it in place, keeping its rows and adding the problems table.
    const store = openResultsStore({ path });
    assert.equal(store.schemaVersion(), SCHEMA_VERSION);
    assert.deepEqual(
      store.listExperiments().map((e) => e.name),
      ['e'],
    );
    store.close();
  });

  test('a newer schema is refused read-only too', () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => openResultsStore({ path, readonly: true }), /is newer than this code supports/);
  });

  test('a WAL database in a directory this process may not write is read from a snapshot (no -shm can be made there)', (t) => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    const path = join(locked, 'results.db');
    populated(path);
    chmodSync(path, 0o444);
    chmodSync(locked, 0o555);
    const before = snapshot(path);
    // As root a 0555 directory is still writable, so the reader runs as an unprivileged user.
    const asRoot = process.getuid?.() === 0;
    if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) {
      t.skip('running as root without setpriv: cannot make the directory unwritable for the reader');
      return;
    }
    const prefix = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const code = `import { openResultsStore } from ${JSON.stringify(join(import.meta.dirname, 'store.ts'))};
      const s = openResultsStore({ path: ${JSON.stringify(path)}, readonly: true });
      const out = { status: s.status().runs, readonly: s.readonly };
      try { s.ensureExperiment('x'); out.wrote = true; } catch (e) { out.refused = e.message; }
      console.log(JSON.stringify(out));`;
    const argv = [...prefix, process.execPath, '--import', 'tsx', '--input-type=module', '-e', code];
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, TSX_DISABLE_CACHE: '1' } });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { status: unknown; readonly: boolean; refused?: string };
    assert.deepEqual(out.status, { pending: 1, running: 0, done: 0, failed: 1 });
    assert.equal(out.readonly, true);
    assert.match(out.refused ?? 'wrote', /readonly/i);
    assert.deepEqual(snapshot(path), before);
  });
});
