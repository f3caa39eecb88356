/** Row and argument types of the results store (plain data; times are ms since the Unix epoch). */
import type { Problem } from '@cxr/core';

export type RunStatus = 'pending' | 'running' | 'done' | 'failed';
export const RUN_STATUSES: readonly RunStatus[] = ['pending', 'running', 'done', 'failed'];

/** One run as reports and the CLI see it. */
export interface RunRow {
  id: number;
  configId: number;
  configHash: string;
  /** Label of the config in `experiment` (e.g. "90 %"). */
  label: string;
  /** The experiment the label comes from: the filter of listRuns, else the first one registered. */
  experiment: string;
  /** The config's other labels in that experiment (later spellings of the same config), in the order first given. */
  aliases: string[];
  seed: number;
  datasetFingerprint: string;
  status: RunStatus;
  /** How many times the run has been claimed (1 on its first attempt). */
  attempts: number;
  host: string | null;
  pid: number | null;
  /** Start time of the claiming process (clock ticks since boot; Linux), null when unknown. */
  pidStart: number | null;
  heartbeatAt: number | null;
  backend: string | null;
  codeVersion: string | null;
  packageVersions: Record<string, string>;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  error: string | null;
  /** Free-form JSON the trainer writes (weights used, checkpoint path ...). */
  info: Record<string, unknown>;
  /** Final metrics by split then name, e.g. `metrics.test.macro_auc_roc`; empty until done. */
  metrics: Record<string, Record<string, number>>;
}

/** Proof that this process holds a run; pass it to heartbeat / recordEpoch / finishRun / failRun. */
export interface RunClaim {
  readonly runId: number;
  readonly token: string;
  readonly attempt: number;
  readonly claimedAt: number;
  /** Set when the run was taken from another claim (its process gone, its heartbeat stale, or --take-over). */
  readonly previous?: RunHolder;
}

/**
 * Who holds a running run, as claimRun saw it (see run-holder.ts). `process` is 'running' or 'gone'
 * for a holder on this host (and pid namespace), checked by pid and start time; 'unknown' on
 * another host, where only the heartbeat tells.
 */
export interface RunHolder {
  runId: number;
  host: string | null;
  pid: number | null;
  /** Start time of the holder's process (clock ticks since boot; Linux), null when not recorded. */
  pidStart: number | null;
  /** The claim's attempt number. */
  attempt: number;
  heartbeatAt: number | null;
  /** Milliseconds since the last heartbeat (null without one). */
  heartbeatAgeMs: number | null;
  /** Milliseconds until the heartbeat is older than the stale limit (0 when it already is). */
  staleInMs: number;
  process: 'running' | 'gone' | 'unknown';
}

export interface ClaimOptions {
  /** A running run whose heartbeat is older than this is taken over (default DEFAULT_STALE_AFTER_MS). */
  staleAfterMs?: number;
  /** Claim failed runs too (a retry). Default true. */
  retryFailed?: boolean;
  /** Take a running run even from a live holder with a fresh heartbeat (its later writes are refused). */
  takeOver?: boolean;
  backend?: string;
  codeVersion?: string;
  packageVersions?: Record<string, string>;
}

export interface EpochInput {
  epoch: number;
  trainLoss: number;
  valLoss?: number;
  metrics: Record<string, number>;
  learningRates: Record<string, number>;
  seconds: number;
}

export interface EpochRow extends EpochInput {
  runId: number;
  recordedAt: number;
}

export interface MetricRow {
  split: string;
  name: string;
  value: number;
}

export interface LabelMetricRow {
  split: string;
  label: string;
  name: string;
  value: number;
}

/** Model outputs for one split: row-major `rows x cols` matrices, column j is `labelNames[j]`. */
export interface PredictionSet {
  split: string;
  labelNames: string[];
  rows: number;
  cols: number;
  probabilities: Float32Array;
  /** Ground truth as numbers (1 positive, 0 negative; any other finite code, e.g. -1 uncertain, is kept). */
  labels: Float32Array;
}

export interface FinishInput {
  metrics: MetricRow[];
  labelMetrics: LabelMetricRow[];
  predictions: PredictionSet[];
  /** Merged into the run's info JSON in the same transaction. */
  info?: Record<string, unknown>;
}

export interface StoreStatus {
  path: string;
  schemaVersion: number;
  experiments: number;
  configs: number;
  runs: Record<RunStatus, number>;
}

/** A config's label in one experiment and the other labels it was registered under there. */
export interface ConfigLabels {
  experiment: string;
  /** The first label it was registered under in the experiment (the one reports show). */
  label: string;
  /** Every later, different label, in the order first given. */
  aliases: string[];
}

/** The done runs of one config on one dataset, metrics aligned with `seeds`. */
export interface ConfigSummary {
  configId: number;
  label: string;
  hash: string;
  config: unknown;
  datasetFingerprint: string;
  seeds: number[];
  runIds: number[];
  /** metric name -> one value per seed (same order as `seeds`); only metrics every run has. */
  metrics: Record<string, number[]>;
  /** Metrics some but not all runs have (left out of `metrics`). */
  partialMetrics: string[];
}

export interface ListRunsFilter {
  experiment?: string;
  status?: RunStatus;
}

/** One stored problem of a run (@cxr/core's Problem record plus its place in the run's list). */
export interface ProblemRow extends Problem {
  runId: number;
  /** Position in the order the problems were reported (0-based). */
  seq: number;
}

/** How many problems of one kind a run has (a problem without a kind counts as 'other'). */
export interface ProblemCount {
  kind: string;
  count: number;
}

/** One experiment with its configs, runs by status and the time anything last happened to it. */
export interface ExperimentSummary {
  name: string;
  description: string | null;
  createdAt: number;
  configs: number;
  runs: Record<RunStatus, number>;
  /** Latest of: registration, config links, run creation, start, heartbeat, end, epoch rows (ms). */
  lastActivityAt: number;
}

/** What deleteRun removed: the run and its rows per table. */
export interface DeletedRun {
  runId: number;
  status: RunStatus;
  rows: Record<'epochs' | 'metrics' | 'label_metrics' | 'predictions' | 'problems', number>;
}
