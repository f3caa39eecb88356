/** Reads for browsing results.db: experiments with their run counts, and stored configs. */
import type { StoreContext } from './context.ts';
import { ResultsNotFoundError } from './errors.ts';
import { RUN_STATUSES, type ExperimentSummary, type RunStatus } from './types.ts';
import { integer } from './validate.ts';

/**
 * Every experiment in creation order with its number of configs, the runs of those configs by
 * status (a config shared by two experiments counts in both) and its last activity.
 *
 * @example listExperiments(ctx)[0] // { name: 'unfreeze-sweep', configs: 11, runs: { pending: 30, running: 1, done: 2, failed: 0 }, lastActivityAt: 1763900000000, ... }
 */
export function listExperiments(ctx: StoreContext): ExperimentSummary[] {
  const exps = ctx.db
    .prepare(
      `SELECT e.id, e.name, e.description, e.created_at,
         (SELECT count(*) FROM experiment_configs ec WHERE ec.experiment_id = e.id) AS configs,
         max(e.created_at,
           coalesce((SELECT max(ec.registered_at) FROM experiment_configs ec WHERE ec.experiment_id = e.id), 0),
           coalesce((SELECT max(max(r.created_at, coalesce(r.started_at, 0), coalesce(r.heartbeat_at, 0), coalesce(r.ended_at, 0)))
                     FROM runs r JOIN experiment_configs ec ON ec.config_id = r.config_id WHERE ec.experiment_id = e.id), 0),
           coalesce((SELECT max(p.recorded_at) FROM epochs p JOIN runs r ON r.id = p.run_id
                     JOIN experiment_configs ec ON ec.config_id = r.config_id WHERE ec.experiment_id = e.id), 0)) AS last
       FROM experiments e ORDER BY e.id`,
    )
    .all() as { id: number; name: string; description: string | null; created_at: number; configs: number; last: number }[];
  const byStatus = ctx.db.prepare(
    `SELECT r.status, count(*) AS n FROM runs r JOIN experiment_configs ec ON ec.config_id = r.config_id
     WHERE ec.experiment_id = ? GROUP BY r.status`,
  );
  return exps.map((e) => {
    const runs = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const row of byStatus.all(e.id) as { status: RunStatus; n: number }[]) runs[row.status] = row.n;
    return { name: e.name, description: e.description, createdAt: e.created_at, configs: e.configs, runs, lastActivityAt: e.last };
  });
}

/**
 * The stored (canonical JSON) config of `configId`, parsed.
 *
 * @throws ResultsNotFoundError for an unknown config id.
 * @example getConfig(ctx, 1) // { backbone: 'mobilenet_v2', unfreeze: 0.9, ... }
 */
export function getConfig(ctx: StoreContext, configId: number): unknown {
  integer('getConfig', 'configId', configId, 1);
  const json = ctx.db.prepare('SELECT config_json FROM configs WHERE id = ?').pluck().get(configId) as string | undefined;
  if (json === undefined) throw new ResultsNotFoundError('getConfig', 'configId', 'a config id returned by registerConfig', configId);
  return JSON.parse(json) as unknown;
}
