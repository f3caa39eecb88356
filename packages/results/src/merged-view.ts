/**
 * A read-only look at a results database as it will be once shards are merged into it, without
 * merging: the database's bytes (or an empty store) in memory, the shards merged into that copy.
 * `cxr sweep status` and `cxr report` read it, so results of Slurm tasks show before the merge job.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { mergeShard, type MergeShardResult } from './merge-shard.ts';
import { IN_MEMORY, openResultsStore, ResultsStore } from './store.ts';

/**
 * The store at `path` (missing: an empty one) with `shards` merged, all in memory; the file and
 * the shards are never written. Violations are in `results` (the target's copy of such a run stays).
 *
 * @throws ResultsFileError for a file or shard that is not a results database of this schema.
 * @example const { store } = openMergedView('results.db', ['results.db.slurm/t2/shards/cell-0.db']); store.listRuns().length // 1
 */
export function openMergedView(path: string, shards: readonly string[]): { store: ResultsStore; results: MergeShardResult[] } {
  let store: ResultsStore;
  if (existsSync(path)) {
    const file = openResultsStore({ path, readonly: true });
    const bytes = file.db.serialize();
    file.close();
    // A WAL file's image must read as rollback-journal to open from memory (as open-database's snapshot does).
    if (bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
    store = new ResultsStore({ db: new Database(bytes), path: IN_MEMORY, now: Date.now });
  } else {
    store = openResultsStore({ path: IN_MEMORY });
  }
  const results = shards.map((s) => mergeShard(store, s));
  return { store, results };
}
