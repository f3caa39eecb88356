import type { ResultsStore, RunHolder } from '@cxr/results';
import type { RunConfig } from '../config/run-config.ts';
import type { WeightsUsed } from './model-phase.ts';
import type { ProgressReporter } from './progress.ts';

/**
 * Callbacks a caller can hang on a run; none of them changes its numbers. Tests use them, and the
 * `cxr` CLI installs its crash hook (CXR_TEST_CRASH_AFTER_EPOCH) here, so the run itself reads no
 * environment variables.
 */
export interface RunHooks {
  /** Called after the checkpoint of each 1-based epoch is written and its row recorded. */
  afterCheckpoint?(epoch: number): void | Promise<void>;
}

/** What runExperiment is asked to do: one (config, seed), where to record it and where files go. */
export interface RunRequest {
  config: RunConfig;
  seed: number;
  store: ResultsStore;
  /** The tfjs backend in use (selectBackend's name); stored with the run. */
  backend: string;
  /** Experiment the config is registered under (default 'adhoc'). */
  experiment?: string;
  /** Label of the config within the experiment (default: the first 12 characters of its hash). */
  label?: string;
  /** Root of weights/pretrained (default 'weights'); checkpoints live beside the database (runCheckpoint), here only for an in-memory store. */
  weightsRoot?: string;
  /** Root of generated data (default 'data'); the image cache goes to <dataRoot>/cache. */
  dataRoot?: string;
  /** A running run whose heartbeat is older than this is taken over (resume after a crash). */
  staleAfterMs?: number;
  progress?: ProgressReporter;
  hooks?: RunHooks;
  /** Once aborted, training stops after the current batch and the run is handed back as pending (TrainInterruptedError). */
  signal?: AbortSignal;
  /** Claim the run even from a live holder with a fresh heartbeat (`cxr train --take-over`). */
  takeOver?: boolean;
  /** Fail before training when more than this fraction of the dataset's data rows were dropped (default 0.01). */
  maxDroppedFraction?: number;
}

/** What runExperiment returns. */
export interface RunOutcome {
  runId: number;
  /** 'done': trained now; 'skipped': already done in the database; 'busy': another process holds it. */
  status: 'done' | 'skipped' | 'busy';
  configHash: string;
  /** Test metrics (finite ones). */
  test: Record<string, number>;
  bestEpoch?: number;
  epochs?: number;
  resumedEpochs?: number;
  weights?: WeightsUsed;
  seconds: number;
  /** With 'busy': who holds the run (null if it let go in the meantime). */
  holder?: RunHolder | null;
}
