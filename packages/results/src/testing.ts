/**
 * Test helpers of @cxr/results (import as '@cxr/results/testing' from *.test.ts files only).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '@cxr/testkit';
import { migrations } from './migrations.ts';
import { openResultsStore, type OpenResultsStoreOptions, type ResultsStore } from './store.ts';

/**
 * Opens a fresh store in a new temporary directory; `cleanup` closes it and deletes the directory.
 *
 * @example const { store, cleanup } = openTempResultsStore(); after(cleanup);
 */
export function openTempResultsStore(opts: Omit<OpenResultsStoreOptions, 'path'> = {}): {
  store: ResultsStore;
  path: string;
  dir: string;
  cleanup: () => void;
} {
  const { dir, cleanup } = makeTempDir('results');
  const path = join(dir, 'results.db');
  const store = openResultsStore({ ...opts, path });
  return {
    store,
    path,
    dir,
    cleanup: () => {
      if (store.db.open) store.close();
      cleanup();
    },
  };
}

/**
 * Writes a database at an older schema `version` (the first `version` migrations, nothing else), as
 * a fixture for migration and read-only tests.
 *
 * @example createDatabaseAtVersion(join(dir, 'v1.db'), 1)
 */
export function createDatabaseAtVersion(path: string, version: number): void {
  const db = new Database(path);
  try {
    for (const m of migrations) {
      if (m.version > version) break;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  } finally {
    db.close();
  }
}
