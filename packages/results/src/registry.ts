/** Registration of experiments, configs and runs; every call is idempotent. */
import { canonicalJson } from './canonical-json.ts';
import { configHash } from './config-hash.ts';
import type { StoreContext } from './context.ts';
import { ResultsNotFoundError } from './errors.ts';
import type { ConfigLabels } from './types.ts';
import { integer, nameString } from './validate.ts';

/**
 * Returns the id of the experiment called `name`, creating it if needed. A given description
 * replaces the stored one; an omitted one keeps it.
 *
 * @throws ResultsArgumentError for an empty name.
 * @example ensureExperiment(ctx, 'unfreeze-sweep') // 1, and 1 again on the next call
 */
export function ensureExperiment(ctx: StoreContext, name: string, description?: string): number {
  nameString('ensureExperiment', 'name', name);
  const row = ctx.db
    .prepare(
      `INSERT INTO experiments (name, description, created_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET description = coalesce(excluded.description, description)
       RETURNING id`,
    )
    .get(name, description ?? null, ctx.now()) as { id: number };
  return row.id;
}

/** What registerConfig returns: the config's id and hash, and the label it goes by in the experiment. */
export interface RegisteredConfig {
  configId: number;
  hash: string;
  /** The config's label in the experiment: the first one it was registered under there. */
  label: string;
}

/**
 * Stores a resolved config (canonical JSON, keyed by its SHA-256) and links it to `experiment`
 * under a human label such as "90 %". The same config registered again - in this or another
 * experiment - keeps its id. Its label in an experiment is the first one given there; another
 * label given later for it (another preset name, file or path spelling the same config) is
 * recorded as an alias (configAliases), never replacing it.
 *
 * @throws ResultsArgumentError for an empty experiment or label, or a config that is not plain JSON.
 * @example registerConfig(ctx, 'unfreeze-sweep', { unfreeze: 0.9 }, '90 %') // { configId: 1, hash: '...', label: '90 %' }
 */
export function registerConfig(ctx: StoreContext, experiment: string, config: unknown, label: string): RegisteredConfig {
  nameString('registerConfig', 'label', label);
  nameString('registerConfig', 'experiment', experiment);
  const json = canonicalJson(config);
  const hash = configHash(config);
  return ctx.db
    .transaction(() => {
      const experimentId = ensureExperiment(ctx, experiment);
      const now = ctx.now();
      ctx.db
        .prepare('INSERT INTO configs (hash, config_json, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING')
        .run(hash, json, now);
      const { id } = ctx.db.prepare('SELECT id FROM configs WHERE hash = ?').get(hash) as { id: number };
      ctx.db
        .prepare(
          `INSERT INTO experiment_configs (experiment_id, config_id, label, registered_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (experiment_id, config_id) DO NOTHING`,
        )
        .run(experimentId, id, label, now);
      const kept = ctx.db
        .prepare('SELECT label FROM experiment_configs WHERE experiment_id = ? AND config_id = ?')
        .pluck()
        .get(experimentId, id) as string;
      if (kept !== label) {
        ctx.db
          .prepare(
            `INSERT INTO config_aliases (experiment_id, config_id, alias, registered_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (experiment_id, config_id, alias) DO NOTHING`,
          )
          .run(experimentId, id, label, now);
      }
      return { configId: id, hash, label: kept };
    })
    .immediate();
}

/**
 * A config's label and aliases (the other labels it was registered under, in the order first
 * given) in each experiment that refers to it, experiments in the order they linked it.
 *
 * @throws ResultsNotFoundError for an unknown config id.
 * @example configAliases(ctx, 1) // [{ experiment: 'adhoc', label: 'smoke', aliases: ['configs/smoke.json'] }]
 */
export function configAliases(ctx: StoreContext, configId: number): ConfigLabels[] {
  integer('configAliases', 'configId', configId, 1);
  if (!ctx.db.prepare('SELECT 1 FROM configs WHERE id = ?').get(configId)) {
    throw new ResultsNotFoundError('configAliases', 'configId', 'a config id returned by registerConfig', configId);
  }
  const links = ctx.db
    .prepare(
      `SELECT ec.experiment_id, e.name, ec.label FROM experiment_configs ec JOIN experiments e ON e.id = ec.experiment_id
       WHERE ec.config_id = ? ORDER BY ec.rowid`,
    )
    .all(configId) as { experiment_id: number; name: string; label: string }[];
  return links.map((l) => ({ experiment: l.name, label: l.label, aliases: aliasesOf(ctx, l.experiment_id, configId) }));
}

/** The aliases of a config in one experiment, in the order first given. */
export function aliasesOf(ctx: StoreContext, experimentId: number, configId: number): string[] {
  return ctx.db
    .prepare('SELECT alias FROM config_aliases WHERE experiment_id = ? AND config_id = ? ORDER BY registered_at, rowid')
    .pluck()
    .all(experimentId, configId) as string[];
}

/**
 * Adds the run (config, dataset fingerprint, seed) as 'pending' unless it exists, and returns its id.
 *
 * @throws ResultsArgumentError for a negative or fractional seed or an empty fingerprint;
 *   ResultsNotFoundError for an unknown config id.
 * @example registerRunId(ctx, { configId: 1, seed: 0, datasetFingerprint: 'phantom-1a2b' }) // 1 (again 1)
 */
export function registerRunId(ctx: StoreContext, args: { configId: number; seed: number; datasetFingerprint: string }): number {
  const configId = integer('registerRun', 'args.configId', args.configId, 1);
  const seed = integer('registerRun', 'args.seed', args.seed, 0);
  const fingerprint = nameString('registerRun', 'args.datasetFingerprint', args.datasetFingerprint);
  return ctx.db
    .transaction(() => {
      if (!ctx.db.prepare('SELECT 1 FROM configs WHERE id = ?').get(configId)) {
        throw new ResultsNotFoundError('registerRun', 'args.configId', 'a config id returned by registerConfig', configId);
      }
      ctx.db
        .prepare(
          `INSERT INTO runs (config_id, seed, dataset_fingerprint, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (config_id, dataset_fingerprint, seed) DO NOTHING`,
        )
        .run(configId, seed, fingerprint, ctx.now());
      const row = ctx.db
        .prepare('SELECT id FROM runs WHERE config_id = ? AND dataset_fingerprint = ? AND seed = ?')
        .get(configId, fingerprint, seed) as { id: number };
      return row.id;
    })
    .immediate();
}
