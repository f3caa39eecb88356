import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ResultsFileError } from './errors.ts';
import { SCHEMA_VERSION, migrations } from './migrations.ts';

/** The 16-byte header every SQLite 3 database file starts with. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenDatabaseOptions {
  /** Milliseconds a writer waits for another process's lock before failing (SQLite busy_timeout). */
  busyTimeoutMs: number;
  /** Open without writing: no file is created, no migration runs. */
  readonly: boolean;
  /**
   * 'wal' (default): readers never block the writer, for results.db on a local disk. 'rollback'
   * (journal_mode DELETE): for a file on a network filesystem (a Slurm task's shard), where WAL's
   * shared-memory index is unsafe; one writer per file.
   */
  journal?: 'wal' | 'rollback';
}

/**
 * Opens (creating if needed, unless read-only) a results database and brings its schema up to
 * date: WAL journal, foreign keys on, busy timeout, then every pending migration, each in its own
 * BEGIN IMMEDIATE transaction so two processes opening a fresh file never both apply it.
 *
 * @throws ResultsFileError when the path is a directory, a non-empty file that is not SQLite (it is
 *   left untouched), a corrupt database, missing in read-only mode, from a newer schema version than
 *   this code knows, or (read-only) from an older one that needs migrating.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions): Database.Database {
  checkHeader(path, opts.readonly);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: opts.readonly, fileMustExist: opts.readonly, timeout: opts.busyTimeoutMs });
    if (opts.readonly) db = readableOrSnapshot(db, path);
  } catch (error) {
    if (error instanceof ResultsFileError) throw error;
    throw new ResultsFileError(path, `cannot open as a SQLite database (${(error as Error).message})`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs))}`);
    db.pragma('foreign_keys = ON');
    const found = userVersion(db);
    if (found > SCHEMA_VERSION) {
      throw new ResultsFileError(
        path,
        `schema version ${found} is newer than this code supports (${SCHEMA_VERSION}); update cxr-ablate to read it`,
      );
    }
    if (opts.readonly) {
      if (found < SCHEMA_VERSION) {
        throw new ResultsFileError(
          path,
          `schema version ${found} needs migrating to ${SCHEMA_VERSION}; read commands never write, so run a write command once to migrate it: cxr db migrate --db ${path}`,
        );
      }
    } else {
      db.pragma(opts.journal === 'rollback' ? 'journal_mode = DELETE' : 'journal_mode = WAL');
      db.pragma(opts.journal === 'rollback' ? 'synchronous = FULL' : 'synchronous = NORMAL');
      migrate(db, path);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ResultsFileError) throw error;
    throw new ResultsFileError(path, `not a usable SQLite database (${(error as Error).message})`);
  }
}

/**
 * A read-only connection that can read: a WAL database needs its `-shm` index, which SQLite
 * creates next to the file - impossible in a directory this process may not write (a shared or
 * read-only results folder). Then, and only when no `-shm` exists (so no process has the database
 * open for writing), the file's bytes are read into memory and opened from there (header bytes
 * 18-19 of that copy set from WAL to rollback; the file itself is never touched). Costs one read
 * of the whole file; the snapshot is read-only too.
 *
 * @throws ResultsFileError when a write-ahead log with content sits next to the file without its
 *   `-shm` (opening it where it is writable checkpoints it).
 */
function readableOrSnapshot(db: Database.Database, path: string): Database.Database {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!(code === 'SQLITE_READONLY_DIRECTORY' || code.startsWith('SQLITE_CANTOPEN')) || existsSync(`${path}-shm`)) throw error;
    db.close();
  }
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    throw new ResultsFileError(
      path,
      'has a write-ahead log (-wal) but no -shm index, and its directory is not writable; open it once where it is writable to checkpoint it',
    );
  }
  const bytes = readFileSync(path);
  if (bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return new Database(bytes, { readonly: true });
}

/** The schema version recorded in the file (0 for a fresh one). */
export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database.Database, path: string): void {
  for (const m of migrations) {
    db.transaction(() => {
      // Re-read inside the write lock: another process may have applied it while we waited.
      const now = userVersion(db);
      if (now >= m.version) return;
      if (now !== m.version - 1) {
        throw new ResultsFileError(path, `schema version ${now} cannot be migrated by step ${m.version} (${m.description})`);
      }
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

function checkHeader(path: string, readonly: boolean): void {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ResultsFileError(path, 'is a directory, expected a SQLite database file');
    size = st.size;
  } catch (error) {
    if (error instanceof ResultsFileError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (readonly) throw new ResultsFileError(path, 'no results database here (it is created by the first run)');
      return;
    }
    throw new ResultsFileError(path, `cannot read (${(error as Error).message})`);
  }
  if (size === 0) return;
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 16 || !head.equals(SQLITE_HEADER)) {
    throw new ResultsFileError(
      path,
      `is not a SQLite database (its first bytes are ${JSON.stringify(head.subarray(0, Math.min(read, 16)).toString('latin1'))}); refusing to touch it - pass another --db path or move the file`,
    );
  }
}
