/**
 * Folding a shard - a results database one Slurm task (or any array task) wrote on its own - into
 * a target database, exactly once. A shard's run is matched to the target's by its identity
 * (config hash, dataset fingerprint, seed); its id differs between the files and is remapped, with
 * every row that hangs off it (epochs, metrics, label metrics, predictions, problems) and its saved
 * model folder (`<db>.models/<run id>/`, meta.json's runId rewritten). One transaction per shard.
 */
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tempPathFor } from '@cxr/core';
import { canonicalJson } from './canonical-json.ts';
import { ResultsError } from './errors.ts';
import { openResultsStore, type ResultsStore } from './store.ts';

/** A done run found in two places with different metrics: the training was not deterministic, or the files disagree. */
export interface DeterminismViolation {
  /** 'config hash 1a2b3c4d5e6f, fingerprint 9f8e7d6c5b4a, seed 2' */
  run: string;
  shard: string;
  target: string;
  /** The shard the target's copy came from (runs.info.merged_from), when it was merged. */
  targetFrom: string | null;
  /** The first metric that differs, e.g. 'test/macro_auc_roc 0.61 vs 0.63'. */
  difference: string;
}

export interface MergeShardResult {
  shard: string;
  /** Runs written to the target (new, or replacing a pending/failed one), as shard id -> target id. */
  merged: { run: string; status: string; from: number; to: number }[];
  /** Runs the target already holds with the same results (merging a shard twice lands here). */
  unchanged: number;
  /** Runs left alone: not finished in the shard, or held by a running process in the target. */
  skipped: { run: string; reason: string }[];
  violations: DeterminismViolation[];
}

/** One or more determinism violations after a merge; the message names every file and run. */
export class MergeDeterminismError extends ResultsError {
  override name = 'MergeDeterminismError';
  constructor(readonly violations: readonly DeterminismViolation[]) {
    super(
      `mergeShard: expected a done run to have the same metrics in every file, received ${violations.length} that differ: ` +
        violations.map(formatViolation).join('; '),
    );
  }
}

/** One violation as a line: the run, both files (and where the target's copy came from) and the first difference. */
export function formatViolation(v: DeterminismViolation): string {
  return `${v.run}: ${v.shard} vs ${v.target}${v.targetFrom ? ` (merged from ${v.targetFrom})` : ''}: ${v.difference}`;
}

/**
 * Throws when any result has a violation.
 *
 * @throws MergeDeterminismError naming both files and the run of each violation.
 */
export function assertNoViolations(results: readonly MergeShardResult[]): void {
  const all = results.flatMap((r) => r.violations);
  if (all.length > 0) throw new MergeDeterminismError(all);
}

type Row = Record<string, unknown>;
const CHILD_TABLES = ['epochs', 'metrics', 'label_metrics', 'predictions', 'problems'] as const;

/**
 * Merges the done and failed runs of the shard file `shardPath` into `target`, in one transaction.
 * A done run the target has already done is compared by its metrics: equal -> unchanged, else a
 * violation (reported, never overwritten). A pending or failed target run is replaced; a running
 * one (another process holds it) is skipped. Model folders are copied only between files on disk.
 *
 * @throws ResultsFileError when the shard is not a results database (openResultsStore).
 * @example mergeShard(store, 'results.db.slurm/table2/shards/cell-0.db').merged.length // 1
 */
export function mergeShard(target: ResultsStore, shardPath: string): MergeShardResult {
  const shard = openResultsStore({ path: shardPath, readonly: true });
  try {
    return target.db.transaction(() => mergeOpen(target, shard)).immediate();
  } finally {
    shard.close();
  }
}

function mergeOpen(target: ResultsStore, shard: ResultsStore): MergeShardResult {
  const t = target.db;
  const s = shard.db;
  const out: MergeShardResult = { shard: shard.path, merged: [], unchanged: 0, skipped: [], violations: [] };
  const runs = s
    .prepare('SELECT r.*, c.hash, c.config_json, c.created_at AS config_created FROM runs r JOIN configs c ON c.id = r.config_id')
    .all() as Row[];
  for (const run of runs) {
    const name = `config hash ${String(run.hash).slice(0, 12)}, fingerprint ${String(run.dataset_fingerprint).slice(0, 12)}, seed ${String(run.seed)}`;
    if (run.status !== 'done' && run.status !== 'failed') {
      out.skipped.push({ run: name, reason: `${String(run.status)} in the shard` });
      continue;
    }
    const configId = ensureConfig(t, run);
    copyLinks(t, s, run.config_id as number, configId);
    const existing = t
      .prepare('SELECT id, status, info FROM runs WHERE config_id = ? AND dataset_fingerprint = ? AND seed = ?')
      .get(configId, run.dataset_fingerprint, run.seed) as { id: number; status: string; info: string } | undefined;
    if (existing?.status === 'running') {
      out.skipped.push({ run: name, reason: `run ${existing.id} is running in ${target.path}` });
      continue;
    }
    if (existing?.status === 'done') {
      if (run.status === 'failed') {
        out.unchanged++;
        continue;
      }
      const difference = metricDifference(s, run.id as number, t, existing.id);
      if (difference === null) out.unchanged++;
      else {
        const from = (JSON.parse(existing.info) as { merged_from?: string }).merged_from ?? null;
        out.violations.push({ run: name, shard: shard.path, target: target.path, targetFrom: from, difference });
      }
      continue;
    }
    const to = writeRun(t, run, configId, existing?.id, shard.path);
    for (const table of CHILD_TABLES) {
      t.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(to);
      for (const row of s.prepare(`SELECT * FROM ${table} WHERE run_id = ?`).all(run.id) as Row[]) insert(t, table, { ...row, run_id: to });
    }
    if (run.status === 'done') copyModel(shard, target, run.id as number, to);
    out.merged.push({ run: name, status: String(run.status), from: run.id as number, to });
  }
  return out;
}

function ensureConfig(t: ResultsStore['db'], run: Row): number {
  t.prepare('INSERT OR IGNORE INTO configs (hash, config_json, created_at) VALUES (?, ?, ?)').run(
    run.hash,
    run.config_json,
    run.config_created,
  );
  return (t.prepare('SELECT id FROM configs WHERE hash = ?').get(run.hash) as { id: number }).id;
}

/** The shard config's experiments, labels and aliases; a label the target knows otherwise becomes an alias. */
function copyLinks(t: ResultsStore['db'], s: ResultsStore['db'], from: number, to: number): void {
  const links = s
    .prepare(
      'SELECT e.id AS eid, e.name, e.description, e.created_at, ec.label, ec.registered_at FROM experiment_configs ec JOIN experiments e ON e.id = ec.experiment_id WHERE ec.config_id = ?',
    )
    .all(from) as Row[];
  for (const l of links) {
    t.prepare('INSERT OR IGNORE INTO experiments (name, description, created_at) VALUES (?, ?, ?)').run(
      l.name,
      l.description,
      l.created_at,
    );
    const eid = (t.prepare('SELECT id FROM experiments WHERE name = ?').get(l.name) as { id: number }).id;
    t.prepare('INSERT OR IGNORE INTO experiment_configs (experiment_id, config_id, label, registered_at) VALUES (?, ?, ?, ?)').run(
      eid,
      to,
      l.label,
      l.registered_at,
    );
    const label = (
      t.prepare('SELECT label FROM experiment_configs WHERE experiment_id = ? AND config_id = ?').get(eid, to) as { label: string }
    ).label;
    const aliases = (
      s.prepare('SELECT alias, registered_at FROM config_aliases WHERE experiment_id = ? AND config_id = ?').all(l.eid, from) as Row[]
    )
      .concat(label === l.label ? [] : [{ alias: l.label, registered_at: l.registered_at }])
      .filter((a) => a.alias !== label);
    for (const a of aliases)
      t.prepare('INSERT OR IGNORE INTO config_aliases (experiment_id, config_id, alias, registered_at) VALUES (?, ?, ?, ?)').run(
        eid,
        to,
        a.alias,
        a.registered_at,
      );
  }
}

/** Inserts the shard's run, or replaces the target's pending/failed one in place (its id kept); returns the target id. */
function writeRun(t: ResultsStore['db'], run: Row, configId: number, existingId: number | undefined, shardPath: string): number {
  const { id: _id, hash: _h, config_json: _c, config_created: _cc, ...cols } = run;
  const info = canonicalJson({ ...(JSON.parse(String(run.info)) as Record<string, unknown>), merged_from: shardPath });
  const values: Row = { ...cols, config_id: configId, info, claim_token: null };
  if (existingId === undefined) return Number(insert(t, 'runs', values));
  const names = Object.keys(values);
  t.prepare(`UPDATE runs SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id__`).run({ ...values, id__: existingId });
  return existingId;
}

function insert(t: ResultsStore['db'], table: string, row: Row): number | bigint {
  const names = Object.keys(row);
  return t.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row).lastInsertRowid;
}

/** The first metric that differs between the two runs ('split/name a vs b'), or null when all agree. */
function metricDifference(s: ResultsStore['db'], sid: number, t: ResultsStore['db'], tid: number): string | null {
  const read = (db: ResultsStore['db'], id: number) =>
    new Map(
      (db.prepare('SELECT split, name, value FROM metrics WHERE run_id = ?').all(id) as Row[]).map((m) => [
        `${m.split}/${m.name}`,
        m.value,
      ]),
    );
  const a = read(s, sid);
  const b = read(t, tid);
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(key) !== b.get(key)) return `${key} ${String(a.get(key) ?? 'missing')} vs ${String(b.get(key) ?? 'missing')}`;
  }
  return null;
}

/** `<db>.models/<run id>/` of the shard to the target's folder for its new id (temp + rename, replacing an older copy). */
function copyModel(shard: ResultsStore, target: ResultsStore, from: number, to: number): void {
  if (shard.inMemory || target.inMemory) return;
  const src = join(dirname(shard.path), `${basename(shard.path)}.models`, String(from));
  if (!existsSync(src)) return;
  const dest = join(dirname(target.path), `${basename(target.path)}.models`, String(to));
  const temp = tempPathFor(dest);
  cpSync(src, temp, { recursive: true });
  const metaPath = join(temp, 'meta.json');
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(metaPath, `${JSON.stringify({ ...meta, runId: to }, null, 2)}\n`);
  }
  rmSync(dest, { recursive: true, force: true });
  renameSync(temp, dest);
}
