/**
 * Where a Slurm sweep keeps its files, beside the results database (like `<db>.checkpoints/` and
 * `<db>.models/`): `<db>.slurm/<experiment>/` holds `shards/` (one SQLite file per cell, named by
 * the cell's identity so a resubmission and a restarted task write the same file), `logs/` (one
 * per array task, appended across restarts) and one `submit-<time>/` per submission (the frozen
 * cell list and the two sbatch scripts). All of it must be on a filesystem every node sees.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `<db>.slurm`: the Slurm sweeps of one database. */
export function slurmRoot(dbPath: string): string {
  return `${dbPath}.slurm`;
}

/** `<db>.slurm/<experiment>`: one experiment's shards, logs and submissions. */
export function slurmSweepDir(dbPath: string, experiment: string): string {
  return join(slurmRoot(dbPath), experiment);
}

/**
 * The shard file of one cell: its config hash (first 16 digits), seed and dataset fingerprint
 * (first 12), so the same cell always writes the same file and two cells never share one.
 *
 * @example shardFile('/r/results.db', 'table2-unfreeze', 'ab12...', 2, '9f8e...') // '/r/results.db.slurm/table2-unfreeze/shards/ab12...-s2-9f8e....db'
 */
export function shardFile(dbPath: string, experiment: string, configHash: string, seed: number, fingerprint: string): string {
  return join(slurmSweepDir(dbPath, experiment), 'shards', `${configHash.slice(0, 16)}-s${seed}-${fingerprint.slice(0, 12)}.db`);
}

/**
 * Every shard file under `<db>.slurm/` (all experiments), sorted; [] when there is none. Only
 * `*.db` files: SQLite's `-journal` files beside them are not shards.
 *
 * @example findShards('/r/results.db') // ['/r/results.db.slurm/t2/shards/ab12-s1-9f8e.db', ...]
 */
export function findShards(dbPath: string): string[] {
  const root = slurmRoot(dbPath);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .flatMap((experiment) => shardsIn(join(root, experiment, 'shards')))
    .sort();
}

/** The `*.db` files of one folder (sorted), [] when it does not exist. */
export function shardsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.db'))
    .sort()
    .map((f) => join(dir, f));
}
