import { configHash, type ResultsStore } from '@cxr/results';
import { identityConfig } from '../config/identity-config.ts';
import { checkRunPrerequisites } from '../config/prerequisites.ts';
import type { RunConfig } from '../config/run-config.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import type { RunHooks, RunRequest } from './run-request.ts';

/** A run request with every default filled in and the config's identity (its hash). */
export interface ResolvedRun {
  /** The config as resolved, with the data folder the run reads. */
  config: RunConfig;
  /** The config that identifies the run (identityConfig: dataset.dataDir null); registered in the store. */
  identityConfig: RunConfig;
  seed: number;
  store: ResultsStore;
  backend: string;
  /** SHA-256 of the identity config's canonical JSON (runConfigHash). */
  configHash: string;
  experiment: string;
  label: string;
  weightsRoot: string;
  dataRoot: string;
  /** undefined = the store's default (DEFAULT_STALE_AFTER_MS). */
  staleAfterMs: number | undefined;
  progress: ProgressReporter;
  hooks: RunHooks;
  signal: AbortSignal | undefined;
  takeOver: boolean;
}

/**
 * Resolve phase of a run: the caller has already resolved the frozen RunConfig (presets, files,
 * flags: resolveConfig); this fills in the request's defaults (experiment 'adhoc', label = the
 * first 12 characters of the config hash, roots 'weights' and 'data', silent progress, no hooks)
 * and computes the config hash, one part of the run's identity (config hash, dataset fingerprint,
 * seed): the hash of the identity config, the config without where its data lives (dataset.dataDir
 * null), since the fingerprint already identifies the data's content. It also checks the config's prerequisites (pretrained weights, weights and data folders),
 * so a run that cannot start fails before any data is touched or any row written. Cost: one
 * canonical JSON and SHA-256 of the config, a few stat calls.
 *
 * @throws TrainConfigError from checkRunPrerequisites, naming the key and what to do.
 * @example resolveRun({ config: presetConfig('smoke'), seed: 1, store, backend: 'wasm' }).label // '70533e3e5f31'
 */
export function resolveRun(req: RunRequest): ResolvedRun {
  const weightsRoot = req.weightsRoot ?? 'weights';
  checkRunPrerequisites(req.config, { weightsRoot });
  const identity = identityConfig(req.config);
  const hash = configHash(identity);
  return {
    config: req.config,
    identityConfig: identity,
    seed: req.seed,
    store: req.store,
    backend: req.backend,
    configHash: hash,
    experiment: req.experiment ?? 'adhoc',
    label: req.label ?? hash.slice(0, 12),
    weightsRoot,
    dataRoot: req.dataRoot ?? 'data',
    staleAfterMs: req.staleAfterMs,
    progress: req.progress ?? silentProgress,
    hooks: req.hooks ?? {},
    signal: req.signal,
    takeOver: req.takeOver ?? false,
  };
}
