/** Aggregate reads: store status and per-config metrics across seeds (the input of a report table). */
import type { StoreContext } from './context.ts';
import { userVersion } from './open-database.ts';
import { experimentId } from './run-reads.ts';
import { RUN_STATUSES, type ConfigSummary, type RunStatus, type StoreStatus } from './types.ts';
import { nameString } from './validate.ts';

/**
 * Schema version and counts of experiments, configs and runs by status.
 *
 * @example storeStatus(ctx) // { path: 'results.db', schemaVersion: 1, experiments: 1, configs: 11, runs: { pending: 30, running: 1, done: 2, failed: 0 } }
 */
export function storeStatus(ctx: StoreContext): StoreStatus {
  const count = (table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const runs = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const row of ctx.db.prepare('SELECT status, count(*) AS n FROM runs GROUP BY status').all() as { status: RunStatus; n: number }[]) {
    runs[row.status] = row.n;
  }
  return { path: ctx.path, schemaVersion: userVersion(ctx.db), experiments: count('experiments'), configs: count('configs'), runs };
}

/**
 * The done runs of an experiment grouped by (config, dataset fingerprint), in config registration
 * order, each with its seeds (ascending) and, per metric of `split` (default 'test'), the values in
 * seed order - ready for mean +/- sd and Welch tests. Configs without a done run are left out.
 *
 * @throws ResultsNotFoundError for an unknown experiment; ResultsArgumentError for an empty split.
 * @example metricsByConfig(ctx, 'unfreeze-sweep')[0] // { label: '0 %', seeds: [0, 1, 2], metrics: { macro_auc_roc: [0.71, 0.70, 0.72] }, ... }
 */
export function metricsByConfig(
  ctx: StoreContext,
  experiment: string,
  opts: { split?: string; datasetFingerprint?: string } = {},
): ConfigSummary[] {
  const split = nameString('metricsByConfig', 'opts.split', opts.split ?? 'test');
  const expId = experimentId(ctx, 'metricsByConfig', 'experiment', experiment);
  const runs = ctx.db
    .prepare(
      `SELECT r.id, r.seed, r.dataset_fingerprint, c.id AS config_id, c.hash, c.config_json, ec.label
       FROM runs r JOIN configs c ON c.id = r.config_id
       JOIN experiment_configs ec ON ec.config_id = c.id AND ec.experiment_id = ?
       WHERE r.status = 'done' AND (? IS NULL OR r.dataset_fingerprint = ?)
       ORDER BY ec.rowid, r.dataset_fingerprint, r.seed, r.id`,
    )
    .all(expId, opts.datasetFingerprint ?? null, opts.datasetFingerprint ?? null) as {
    id: number;
    seed: number;
    dataset_fingerprint: string;
    config_id: number;
    hash: string;
    config_json: string;
    label: string;
  }[];
  const metricStmt = ctx.db.prepare('SELECT name, value FROM metrics WHERE run_id = ? AND split = ?');
  const groups = new Map<string, { summary: ConfigSummary; perRun: Map<string, number>[] }>();
  for (const r of runs) {
    const key = `${r.config_id}\0${r.dataset_fingerprint}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        summary: {
          configId: r.config_id,
          label: r.label,
          hash: r.hash,
          config: JSON.parse(r.config_json) as unknown,
          datasetFingerprint: r.dataset_fingerprint,
          seeds: [],
          runIds: [],
          metrics: {},
          partialMetrics: [],
        },
        perRun: [],
      };
      groups.set(key, g);
    }
    g.summary.seeds.push(r.seed);
    g.summary.runIds.push(r.id);
    g.perRun.push(new Map((metricStmt.all(r.id, split) as { name: string; value: number }[]).map((m) => [m.name, m.value])));
  }
  return [...groups.values()].map(({ summary, perRun }) => {
    const names = [...new Set(perRun.flatMap((m) => [...m.keys()]))].sort();
    for (const name of names) {
      if (perRun.every((m) => m.has(name))) summary.metrics[name] = perRun.map((m) => m.get(name)!);
      else summary.partialMetrics.push(name);
    }
    return summary;
  });
}
