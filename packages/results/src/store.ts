/**
 * ResultsStore: the one object the trainer, the sweep runner, reports and the CLI use to read and
 * write results.db. Each method delegates to a small module (registry, claims, run-holder,
 * run-writes, run-reads, summaries); this file only holds the connection and the path.
 */
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Problem } from '@cxr/core';
import { getConfig, listExperiments } from './catalog.ts';
import { DEFAULT_STALE_AFTER_MS, claimRun, failRun, heartbeat, releaseRun } from './claims.ts';
import type { StoreContext } from './context.ts';
import { ResultsArgumentError } from './errors.ts';
import { openDatabase, userVersion } from './open-database.ts';
import { getProblems, problemCounts, recordProblems } from './problems.ts';
import { configAliases, ensureExperiment, registerConfig, registerRunId, type RegisteredConfig } from './registry.ts';
import { releaseRunById, runHolder } from './run-holder.ts';
import { deleteRun, retryRun } from './run-admin.ts';
import { getEpochs, getLabelMetrics, getMetrics, getPredictions, getRun, listRuns } from './run-reads.ts';
import { finishRun, recordEpoch, updateRunInfo } from './run-writes.ts';
import { storeIdentity } from './store-identity.ts';
import { metricsByConfig, storeStatus } from './summaries.ts';
import type {
  ClaimOptions,
  ConfigLabels,
  ConfigSummary,
  DeletedRun,
  EpochInput,
  EpochRow,
  ExperimentSummary,
  FinishInput,
  LabelMetricRow,
  ListRunsFilter,
  MetricRow,
  PredictionSet,
  ProblemCount,
  ProblemRow,
  RunClaim,
  RunHolder,
  RunRow,
  StoreStatus,
} from './types.ts';

export interface OpenResultsStoreOptions {
  /**
   * Database file; default `process.env.CXR_DB ?? 'results.db'`, resolved against process.cwd().
   * `':memory:'` opens a private in-memory database (tests; nothing is written to disk).
   */
  path?: string;
  /** How long a write waits for another process's lock (ms, default 5000). */
  busyTimeoutMs?: number;
  /** Open an existing, migrated file without writing to it. */
  readonly?: boolean;
  /** Clock in ms since the epoch (default Date.now); tests inject one to age heartbeats. */
  now?: () => number;
  /** Journal mode of a writable file (openDatabase): 'wal' (default) or 'rollback' for a shard on a network filesystem. */
  journal?: 'wal' | 'rollback';
}

/** The default database path: `$CXR_DB`, else `results.db` in the working directory. */
export function defaultResultsPath(): string {
  return resolve(process.env.CXR_DB || 'results.db');
}

/**
 * Opens (creating and migrating when needed) the results store.
 *
 * @throws ResultsFileError for a path that is not a SQLite database (never overwritten), a corrupt
 *   file, a newer schema, or a missing file in read-only mode.
 * @example const store = openResultsStore({ path: 'results.db' }); store.schemaVersion() // 1
 */
export function openResultsStore(opts: OpenResultsStoreOptions = {}): ResultsStore {
  const path = opts.path === undefined ? defaultResultsPath() : opts.path === IN_MEMORY ? IN_MEMORY : resolve(opts.path);
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  if (!(busyTimeoutMs >= 0) || !Number.isFinite(busyTimeoutMs)) {
    throw new ResultsArgumentError('openResultsStore', 'opts.busyTimeoutMs', 'a finite number of milliseconds >= 0', busyTimeoutMs);
  }
  const db = openDatabase(path, { busyTimeoutMs, readonly: opts.readonly ?? false, ...(opts.journal ? { journal: opts.journal } : {}) });
  return new ResultsStore({ db, path, now: opts.now ?? Date.now });
}

/** The path of an in-memory store (better-sqlite3's, and SQLite's, name for one). */
export const IN_MEMORY = ':memory:';

export class ResultsStore {
  /** The database file's absolute path, or ':memory:' (IN_MEMORY) for an in-memory store. */
  readonly path: string;
  /**
   * The store's own identity: 32 hex digits drawn once when the database was made (meta.store_id),
   * kept by a copy of the file, never shared by two databases made separately. Run checkpoints
   * carry it, so a checkpoint of another database is never resumed.
   */
  readonly identity: string;
  private readonly ctx: StoreContext;

  /** Use openResultsStore; this wraps an already opened and migrated connection. */
  constructor(ctx: StoreContext) {
    this.ctx = ctx;
    this.path = ctx.path;
    this.identity = storeIdentity(ctx);
  }

  /** True for a store opened with path ':memory:' (nothing on disk; run state goes elsewhere). */
  get inMemory(): boolean {
    return this.path === IN_MEMORY;
  }

  /** The underlying better-sqlite3 connection, for ad-hoc read queries (do not write through it). */
  get db(): Database.Database {
    return this.ctx.db;
  }

  close(): void {
    this.ctx.db.close();
  }

  schemaVersion(): number {
    return userVersion(this.ctx.db);
  }

  /** See registry.ts ensureExperiment. */
  ensureExperiment(name: string, description?: string): number {
    return ensureExperiment(this.ctx, name, description);
  }

  /** See registry.ts registerConfig. */
  registerConfig(experiment: string, config: unknown, label: string): RegisteredConfig {
    return registerConfig(this.ctx, experiment, config, label);
  }

  /** See registry.ts configAliases: a config's label and other spellings in each experiment. */
  configAliases(configId: number): ConfigLabels[] {
    return configAliases(this.ctx, configId);
  }

  /** Adds (config, dataset fingerprint, seed) as pending unless it exists; returns the run either way. */
  registerRun(args: { configId: number; seed: number; datasetFingerprint: string }): RunRow {
    return getRun(this.ctx, registerRunId(this.ctx, args));
  }

  /** See claims.ts claimRun: null when another live process holds it (runHolder says who) or it is done. */
  claimRun(runId: number, opts?: ClaimOptions): RunClaim | null {
    return claimRun(this.ctx, runId, opts);
  }

  /** See run-holder.ts runHolder: who holds a running run (null when it is not running). */
  runHolder(runId: number, opts: { staleAfterMs?: number } = {}): RunHolder | null {
    return runHolder(this.ctx, runId, opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  }

  /** See run-holder.ts releaseRunById: a running run back to pending without its token (`cxr db release`). */
  releaseRunById(runId: number, opts: { staleAfterMs?: number } = {}): RunHolder {
    return releaseRunById(this.ctx, runId, opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  }

  heartbeat(claim: RunClaim): void {
    heartbeat(this.ctx, claim);
  }

  releaseRun(claim: RunClaim): void {
    releaseRun(this.ctx, claim);
  }

  updateRunInfo(claim: RunClaim, info: Record<string, unknown>): void {
    updateRunInfo(this.ctx, claim, info);
  }

  recordEpoch(claim: RunClaim, row: EpochInput): void {
    recordEpoch(this.ctx, claim, row);
  }

  finishRun(claim: RunClaim, result: FinishInput): void {
    finishRun(this.ctx, claim, result);
  }

  failRun(claim: RunClaim, error: unknown): void {
    failRun(this.ctx, claim, error);
  }

  getRun(runId: number): RunRow {
    return getRun(this.ctx, runId);
  }

  listRuns(filter?: ListRunsFilter): RunRow[] {
    return listRuns(this.ctx, filter);
  }

  getEpochs(runId: number): EpochRow[] {
    return getEpochs(this.ctx, runId);
  }

  getMetrics(runId: number): MetricRow[] {
    return getMetrics(this.ctx, runId);
  }

  getLabelMetrics(runId: number): LabelMetricRow[] {
    return getLabelMetrics(this.ctx, runId);
  }

  getPredictions(runId: number, split: string): PredictionSet {
    return getPredictions(this.ctx, runId, split);
  }

  status(): StoreStatus {
    return storeStatus(this.ctx);
  }

  metricsByConfig(experiment: string, opts?: { split?: string; datasetFingerprint?: string }): ConfigSummary[] {
    return metricsByConfig(this.ctx, experiment, opts);
  }

  // ---- problems, browsing and maintenance (issue 13) ----

  /** See problems.ts recordProblems: the run's input problems, written under the claim. */
  recordProblems(claim: RunClaim, problems: readonly Problem[], opts?: { append?: boolean }): void {
    recordProblems(this.ctx, claim, problems, opts);
  }

  /** See problems.ts getProblems: in reported order, optionally only the first `limit`. */
  getProblems(runId: number, opts?: { limit?: number }): ProblemRow[] {
    return getProblems(this.ctx, runId, opts);
  }

  /** See problems.ts problemCounts: by kind, most frequent first. */
  problemCounts(runId: number): ProblemCount[] {
    return problemCounts(this.ctx, runId);
  }

  /** See catalog.ts listExperiments. */
  listExperiments(): ExperimentSummary[] {
    return listExperiments(this.ctx);
  }

  /** See catalog.ts getConfig: the stored config JSON, parsed. */
  getConfig(configId: number): unknown {
    return getConfig(this.ctx, configId);
  }

  /** See run-admin.ts retryRun: a failed run back to pending. */
  retryRun(runId: number): void {
    retryRun(this.ctx, runId);
  }

  /** See run-admin.ts deleteRun: the run and all its rows, in one transaction. */
  deleteRun(runId: number, opts?: { force?: boolean }): DeletedRun {
    return deleteRun(this.ctx, runId, opts);
  }

  /** True when opened with `readonly` (every write throws). */
  get readonly(): boolean {
    return this.ctx.db.readonly;
  }
}
