/**
 * `cxr db merge SHARD... [--into results.db]`: folds shard databases - what the tasks of a Slurm
 * sweep write, one per cell - into the results database, one transaction per shard (mergeShard in
 * @cxr/results). A folder stands for its `*.db` files. Merging a shard twice changes nothing; a
 * done run whose metrics differ from the target's is a determinism violation: printed with both
 * files, left as it was, and the command exits 1 (after merging everything else).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatViolation, mergeShard, openResultsStore, type MergeShardResult } from '@cxr/results';
import type { CliCommand } from '../command-types.ts';
import { CliArgumentError } from '../parse-seed.ts';
import { shardsIn } from '../../sweep/slurm/slurm-folder.ts';
import { dbPath } from './db.ts';

/**
 * The shard files of the arguments: files as given, folders as their `*.db` files.
 *
 * @throws CliArgumentError for a path that does not exist.
 * @example shardArguments(['results.db.slurm/t2/shards']) // ['/abs/results.db.slurm/t2/shards/ab12-s1-9f8e.db', ...]
 */
export function shardArguments(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    const abs = resolve(p);
    if (!existsSync(abs))
      throw new CliArgumentError(
        `cxr db merge: expected SHARD to be a shard file or a folder of them, received ${JSON.stringify(p)} which does not exist`,
      );
    return statSync(abs).isDirectory() ? shardsIn(abs) : [abs];
  });
}

/** One line per shard: `merged 1 run, 0 unchanged, 0 skipped: <file>` and one per skipped run. */
export function formatMerge(r: MergeShardResult): string[] {
  const lines = [
    `${r.violations.length ? 'conflict' : 'merged'} ${r.merged.length} run(s), ${r.unchanged} unchanged, ${r.skipped.length} skipped: ${r.shard}`,
  ];
  for (const s of r.skipped) lines.push(`  skipped ${s.run}: ${s.reason}`);
  for (const v of r.violations) lines.push(`  determinism violation: ${formatViolation(v)}`);
  return lines;
}

const command: CliCommand = {
  group: 'db',
  module: {
    command: 'merge <shards..>',
    describe: 'Fold shard databases (a Slurm sweep writes one per cell) into results.db, once: a second merge changes nothing',
    builder: (y) =>
      y
        .positional('shards', { type: 'string', array: true, describe: 'Shard files, or folders of *.db shards' })
        .option('into', { type: 'string', describe: 'Target database, created if missing (default: $CXR_DB, else results.db)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON' }),
    handler: (argv) => {
      const a = argv as unknown as { shards: string[]; into?: string; json: boolean };
      const shards = shardArguments(a.shards);
      const store = openResultsStore({ path: dbPath({ db: a.into, json: a.json }) });
      try {
        const results = shards.map((s) => mergeShard(store, s));
        if (a.json) console.log(JSON.stringify({ into: store.path, results }));
        else {
          for (const r of results) for (const line of formatMerge(r)) console.log(line);
          const n = results.reduce((t, r) => t + r.merged.length, 0);
          console.log(`${shards.length} shard(s) into ${store.path}: ${n} run(s) merged`);
        }
        const violations = results.flatMap((r) => r.violations);
        if (violations.length) {
          process.stderr.write(`cxr db merge: ${violations.length} determinism violation(s); the target keeps its copy of each\n`);
          process.exitCode = 1;
        }
      } finally {
        store.close();
      }
    },
  },
};

export default command;
