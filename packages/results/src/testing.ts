/**
 * Test helpers of @cxr/results (import as '@cxr/results/testing' from *.test.ts files only).
 */
import { join } from 'node:path';
import { makeTempDir } from '@cxr/testkit';
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
