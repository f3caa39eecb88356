/**
 * Reading results with the shards of Slurm tasks not merged yet: `cxr sweep status` and
 * `cxr report` open results.db through here, so a cell a task finished shows as done before the
 * merge job has run. The shards are those under `<db>.slurm/` unless folders are given.
 */
import { existsSync, statSync } from 'node:fs';
import { formatViolation, openMergedView, openResultsStore, type ResultsStore } from '@cxr/results';
import { findShards, shardsIn } from './slurm-folder.ts';

/**
 * The shard files to read beside `dbPath`: those in `dirs` (folders or files) when given, else every one under `<db>.slurm/`.
 *
 * @example shardsFor('/r/results.db') // ['/r/results.db.slurm/t2/shards/ab12-s1-9f8e.db']
 */
export function shardsFor(dbPath: string, dirs?: readonly string[]): string[] {
  if (!dirs || dirs.length === 0) return findShards(dbPath);
  return dirs.flatMap((d) => (existsSync(d) && statSync(d).isDirectory() ? shardsIn(d) : [d]));
}

/**
 * Runs `body` on results.db read-only with `shards` merged in memory (nothing is written), or on
 * the file alone when there are no shards; undefined when there is neither. A determinism
 * violation among them is printed through `warn` (the database's copy is the one shown).
 *
 * @throws ResultsFileError for a database or shard that cannot be read.
 */
export function withResultsView<T>(
  dbPath: string,
  shards: readonly string[],
  body: (store: ResultsStore) => T,
  warn: (line: string) => void = () => {},
): T | undefined {
  if (shards.length === 0 && !existsSync(dbPath)) return undefined;
  let store: ResultsStore;
  if (shards.length === 0) store = openResultsStore({ path: dbPath, readonly: true });
  else {
    const view = openMergedView(dbPath, shards);
    for (const v of view.results.flatMap((r) => r.violations)) warn(`determinism violation: ${formatViolation(v)}`);
    store = view.store;
  }
  let result: T;
  try {
    result = body(store);
  } catch (error) {
    store.close();
    throw error;
  }
  // An async body (the report renders) keeps the store open until it settles.
  if (result instanceof Promise) return result.finally(() => store.close()) as T;
  store.close();
  return result;
}
