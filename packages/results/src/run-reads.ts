/** Reads of single runs and run lists, shaped for reports and the CLI. */
import type { StoreContext } from './context.ts';
import { ResultsArgumentError, ResultsNotFoundError } from './errors.ts';
import { blobToFloat32 } from './float32-blob.ts';
import { aliasesOf } from './registry.ts';
import {
  RUN_STATUSES,
  type EpochRow,
  type LabelMetricRow,
  type ListRunsFilter,
  type MetricRow,
  type PredictionSet,
  type RunRow,
  type RunStatus,
} from './types.ts';
import { integer } from './validate.ts';

interface RawRun {
  id: number;
  config_id: number;
  hash: string;
  label: string;
  experiment_id: number;
  experiment: string;
  seed: number;
  dataset_fingerprint: string;
  status: RunStatus;
  attempts: number;
  host: string | null;
  pid: number | null;
  pid_start: number | null;
  heartbeat_at: number | null;
  backend: string | null;
  code_version: string | null;
  package_versions: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  error: string | null;
  info: string;
}

/** Runs joined to their config and one experiment link: the filtered one, else the first made. */
const RUN_SELECT = `
  SELECT r.id, r.config_id, c.hash, ec.label, ec.experiment_id, e.name AS experiment, r.seed, r.dataset_fingerprint, r.status,
         r.attempts, r.host, r.pid, r.pid_start, r.heartbeat_at, r.backend, r.code_version, r.package_versions,
         r.created_at, r.started_at, r.ended_at, r.error, r.info
  FROM runs r
  JOIN configs c ON c.id = r.config_id
  JOIN experiment_configs ec ON ec.config_id = r.config_id
  JOIN experiments e ON e.id = ec.experiment_id`;
const FIRST_LINK = `ec.rowid = (SELECT min(x.rowid) FROM experiment_configs x WHERE x.config_id = r.config_id)`;

/**
 * One run with its config label and final metrics.
 *
 * @throws ResultsNotFoundError for an unknown run id.
 * @example getRun(ctx, 1).status // 'pending'
 */
export function getRun(ctx: StoreContext, runId: number): RunRow {
  integer('getRun', 'runId', runId, 1);
  const raw = ctx.db.prepare(`${RUN_SELECT} WHERE r.id = ? AND ${FIRST_LINK}`).get(runId) as RawRun | undefined;
  if (!raw) throw new ResultsNotFoundError('getRun', 'runId', 'a run id returned by registerRun', runId);
  return toRunRow(ctx, raw);
}

/**
 * All runs, optionally of one experiment (labels then come from it) and/or one status, ordered by
 * config registration then seed.
 *
 * @throws ResultsArgumentError for an unknown status; ResultsNotFoundError for an unknown experiment
 *   (the message lists the known ones).
 */
export function listRuns(ctx: StoreContext, filter: ListRunsFilter = {}): RunRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status !== undefined) {
    if (!RUN_STATUSES.includes(filter.status)) {
      throw new ResultsArgumentError('listRuns', 'filter.status', `one of ${RUN_STATUSES.join(', ')}`, filter.status);
    }
    where.push('r.status = ?');
    params.push(filter.status);
  }
  if (filter.experiment !== undefined) {
    experimentId(ctx, 'listRuns', 'filter.experiment', filter.experiment);
    where.push('e.name = ?');
    params.push(filter.experiment);
  } else {
    where.push(FIRST_LINK);
  }
  const raws = ctx.db
    .prepare(`${RUN_SELECT} WHERE ${where.join(' AND ')} ORDER BY ec.rowid, r.dataset_fingerprint, r.seed, r.id`)
    .all(...params) as RawRun[];
  return raws.map((raw) => toRunRow(ctx, raw));
}

/** The id of experiment `name`; throws ResultsNotFoundError listing the known names. */
export function experimentId(ctx: StoreContext, fn: string, arg: string, name: string): number {
  const row = ctx.db.prepare('SELECT id FROM experiments WHERE name = ?').get(name) as { id: number } | undefined;
  if (row) return row.id;
  const known = (ctx.db.prepare('SELECT name FROM experiments ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  throw new ResultsNotFoundError(fn, arg, `one of the experiments [${known.join(', ')}]`, name);
}

/** Epoch rows of a run in epoch order. @throws ResultsNotFoundError for an unknown run id. */
export function getEpochs(ctx: StoreContext, runId: number): EpochRow[] {
  requireRun(ctx, 'getEpochs', runId);
  const rows = ctx.db.prepare('SELECT * FROM epochs WHERE run_id = ? ORDER BY epoch').all(runId) as {
    run_id: number;
    epoch: number;
    train_loss: number;
    val_loss: number | null;
    metrics: string;
    learning_rates: string;
    seconds: number;
    recorded_at: number;
  }[];
  return rows.map((r) => ({
    runId: r.run_id,
    epoch: r.epoch,
    trainLoss: r.train_loss,
    ...(r.val_loss === null ? {} : { valLoss: r.val_loss }),
    metrics: JSON.parse(r.metrics) as Record<string, number>,
    learningRates: JSON.parse(r.learning_rates) as Record<string, number>,
    seconds: r.seconds,
    recordedAt: r.recorded_at,
  }));
}

/** Final metrics of a run (empty unless done), by split then name. @throws ResultsNotFoundError. */
export function getMetrics(ctx: StoreContext, runId: number): MetricRow[] {
  requireRun(ctx, 'getMetrics', runId);
  return ctx.db.prepare('SELECT split, name, value FROM metrics WHERE run_id = ? ORDER BY split, name').all(runId) as MetricRow[];
}

/** Final per-label metrics of a run, by split, label, name. @throws ResultsNotFoundError. */
export function getLabelMetrics(ctx: StoreContext, runId: number): LabelMetricRow[] {
  requireRun(ctx, 'getLabelMetrics', runId);
  return ctx.db
    .prepare('SELECT split, label, name, value FROM label_metrics WHERE run_id = ? ORDER BY split, label, name')
    .all(runId) as LabelMetricRow[];
}

/**
 * The stored probabilities and labels of one split, as written by finishRun.
 *
 * @throws ResultsNotFoundError for an unknown run or a split without predictions (the message lists
 *   the splits there are); ResultsFileError for a damaged blob.
 */
export function getPredictions(ctx: StoreContext, runId: number, split: string): PredictionSet {
  requireRun(ctx, 'getPredictions', runId);
  const row = ctx.db.prepare('SELECT * FROM predictions WHERE run_id = ? AND split = ?').get(runId, split) as
    { rows: number; cols: number; label_names: string; probabilities: Buffer; labels: Buffer } | undefined;
  if (!row) {
    const splits = (ctx.db.prepare('SELECT split FROM predictions WHERE run_id = ? ORDER BY split').all(runId) as { split: string }[]).map(
      (r) => r.split,
    );
    throw new ResultsNotFoundError('getPredictions', 'split', `a split with predictions for run ${runId} [${splits.join(', ')}]`, split);
  }
  const n = row.rows * row.cols;
  const where = `${ctx.path} predictions(run ${runId}, ${split})`;
  return {
    split,
    labelNames: JSON.parse(row.label_names) as string[],
    rows: row.rows,
    cols: row.cols,
    probabilities: blobToFloat32(row.probabilities, n, `${where}.probabilities`),
    labels: blobToFloat32(row.labels, n, `${where}.labels`),
  };
}

function requireRun(ctx: StoreContext, fn: string, runId: number): void {
  integer(fn, 'runId', runId, 1);
  if (!ctx.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId)) {
    throw new ResultsNotFoundError(fn, 'runId', 'a run id returned by registerRun', runId);
  }
}

function toRunRow(ctx: StoreContext, r: RawRun): RunRow {
  const metrics: Record<string, Record<string, number>> = {};
  for (const m of ctx.db.prepare('SELECT split, name, value FROM metrics WHERE run_id = ? ORDER BY split, name').all(r.id) as MetricRow[]) {
    (metrics[m.split] ??= {})[m.name] = m.value;
  }
  return {
    id: r.id,
    configId: r.config_id,
    configHash: r.hash,
    label: r.label,
    experiment: r.experiment,
    aliases: aliasesOf(ctx, r.experiment_id, r.config_id),
    seed: r.seed,
    datasetFingerprint: r.dataset_fingerprint,
    status: r.status,
    attempts: r.attempts,
    host: r.host,
    pid: r.pid,
    pidStart: r.pid_start,
    heartbeatAt: r.heartbeat_at,
    backend: r.backend,
    codeVersion: r.code_version,
    packageVersions: r.package_versions ? (JSON.parse(r.package_versions) as Record<string, string>) : {},
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    error: r.error,
    info: JSON.parse(r.info) as Record<string, unknown>,
    metrics,
  };
}
