/**
 * @cxr/results: the SQLite results store (results.db). Runs are identified by (config hash,
 * dataset fingerprint, seed), claimed atomically by one process, written epoch by epoch, finished in
 * one transaction, and read back grouped by config for reports.
 */
export { canonicalJson } from './canonical-json.ts';
export { configHash } from './config-hash.ts';
export { DEFAULT_STALE_AFTER_MS } from './claims.ts';
export {
  ResultsArgumentError,
  ResultsError,
  ResultsFileError,
  ResultsNotFoundError,
  ResultsOwnershipError,
  ResultsStateError,
} from './errors.ts';
export { blobToFloat32, float32ToBlob } from './float32-blob.ts';
export {
  assertNoViolations,
  formatViolation,
  mergeShard,
  MergeDeterminismError,
  type DeterminismViolation,
  type MergeShardResult,
} from './merge-shard.ts';
export { openMergedView } from './merged-view.ts';
export { SCHEMA_VERSION } from './migrations.ts';
/** Moved to @cxr/core (the image cache and the phantom writer use them too); re-exported for callers of @cxr/results. */
export { isProcessRunning, processStartTicks } from '@cxr/core';
export { formatDuration, formatHolder } from './run-holder.ts';
export { type RegisteredConfig } from './registry.ts';
export { IN_MEMORY, ResultsStore, defaultResultsPath, openResultsStore, type OpenResultsStoreOptions } from './store.ts';
export {
  RUN_STATUSES,
  type ClaimOptions,
  type ConfigLabels,
  type ConfigSummary,
  type DeletedRun,
  type EpochInput,
  type EpochRow,
  type ExperimentSummary,
  type FinishInput,
  type LabelMetricRow,
  type ListRunsFilter,
  type MetricRow,
  type PredictionSet,
  type ProblemCount,
  type ProblemRow,
  type RunClaim,
  type RunHolder,
  type RunRow,
  type RunStatus,
  type StoreStatus,
} from './types.ts';
