import { configHash } from '@cxr/results';
import type { RunConfig } from './run-config.ts';

/**
 * The part of a run config that identifies its runs: the config with `dataset.dataDir` set to
 * null. Where the data lives is no part of a run's identity - the dataset fingerprint (of the
 * records' content) is - so the same files moved, copied or mounted elsewhere are the same runs.
 * A config whose dataDir is already null is its own identity config (the same hash). The run
 * records the folder it actually read in its info (`dataDir`). Cost: one shallow copy.
 *
 * @example identityConfig({ ...smoke, dataset: { ...smoke.dataset, dataDir: '/mnt/padchest' } }).dataset.dataDir // null
 */
export function identityConfig(config: RunConfig): RunConfig {
  if (config.dataset.dataDir === null) return config;
  return Object.freeze({ ...config, dataset: Object.freeze({ ...config.dataset, dataDir: null }) });
}

/**
 * The config hash of a run: SHA-256 of the canonical JSON of its identity config (see
 * identityConfig; @cxr/results' configHash). The one hash a run is registered and found under.
 *
 * @example runConfigHash(presetConfig('smoke')) // '70533e3e5f3134e6ae43a06bd1f1fc82ff33d411b4b2596eca796988b90b3a43'
 */
export function runConfigHash(config: RunConfig): string {
  return configHash(identityConfig(config));
}
